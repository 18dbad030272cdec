import { describe, expect, it } from 'vitest';
import { actions, candidates, next } from '../../../src/paxos/next.ts';
import { describe as name, paxosModel } from '../../../src/paxos/model.ts';
import type { Action } from '../../../src/paxos/index.ts';
import { c3, m1a, m1b, m2a, m2b, state } from './build.ts';

const enabled = (s: ReturnType<typeof state>): Action[] => candidates(c3, s).filter((x) => next(actions, s, x) !== null);

describe('Next', () => {
  it('initially only Phase1a is enabled, once per ballot', () => {
    expect(enabled(state()).map(name)).toEqual(['Phase1a(0)', 'Phase1a(1)', 'Phase1a(2)']);
  });

  it('lists one Phase1b instance per 1a message and one Phase2b per 2a message, acceptor by acceptor', () => {
    const s = state({ msgs: [m1a(0), m1a(1), m2a(0, 'v1')] });
    const per = enabled(s).filter((x) => x.type === 'Phase1b' || x.type === 'Phase2b');
    expect(per.map((x) => `${name(x)} ${JSON.stringify(x.m)}`)).toEqual([
      'Phase1b(a1) {"type":"1a","bal":0}', 'Phase1b(a1) {"type":"1a","bal":1}', 'Phase2b(a1) {"type":"2a","bal":0,"val":"v1"}',
      'Phase1b(a2) {"type":"1a","bal":0}', 'Phase1b(a2) {"type":"1a","bal":1}', 'Phase2b(a2) {"type":"2a","bal":0,"val":"v1"}',
      'Phase1b(a3) {"type":"1a","bal":0}', 'Phase1b(a3) {"type":"1a","bal":1}', 'Phase2b(a3) {"type":"2a","bal":0,"val":"v1"}',
    ]);
  });

  it('lists Phase2a once per quorum and per highest reported vote, as TLC enumerates \\E Q and \\E m', () => {
    // all three answered ballot 1; a1 and a2 report the same vote (0, v1), a3 reports none
    const s = state({ msgs: [m1b('a1', 1, 0, 'v1'), m1b('a2', 1, 0, 'v1'), m1b('a3', 1)], maxBal: { a1: 1, a2: 1, a3: 1 } });
    const p2a = enabled(s).filter((x) => x.type === 'Phase2a');
    expect(p2a.map((x) => (x.type === 'Phase2a' ? `${x.Q.join()} ${x.m?.acc ?? 'none'}` : ''))).toEqual([
      'a1,a2 a1', 'a1,a2 a2', 'a1,a3 a1', 'a2,a3 a2', 'a1,a2,a3 a1', 'a1,a2,a3 a2',
    ]);
    expect(new Set(p2a.map(name))).toEqual(new Set(['Phase2a(1, v1)']));
  });

  it('applies no part of Phase2a\'s guard: every 1b message is a witness candidate for every b, v and Q', () => {
    // a2's vote (0, v1) is for v1 only, a3 is outside Q = {a1, a2}, and ballot 0 is not 1: phase2a rejects them
    const s = state({ msgs: [m1b('a1', 1), m1b('a2', 1, 0, 'v1'), m1b('a3', 0)] });
    const witnesses = candidates(c3, s).filter((x) => x.type === 'Phase2a' && x.b === 1 && x.v === 'v2' && x.Q.join() === 'a1,a2');
    expect(witnesses.map((x) => (x.type === 'Phase2a' ? x.m?.acc ?? 'none' : '')).sort()).toEqual(['a1', 'a2', 'a3', 'none']);
    expect(witnesses.map((x) => next(actions, s, x))).toEqual([null, null, null, null]);
  });
});

describe('paxosModel next: a step that changes nothing is the state itself', () => {
  const model = paxosModel(c3);
  it('returns s for a 1a message already sent and for a 2b vote already cast, a new state otherwise', () => {
    const s = state({ msgs: [m1a(0), m2a(0, 'v1'), m2b('a1', 0, 'v1')], maxBal: { a1: 0 }, maxVBal: { a1: 0 }, maxVal: { a1: 'v1' } });
    expect(model.next(s, { type: 'Phase1a', b: 0 })).toBe(s);
    expect(model.next(s, { type: 'Phase2b', a: 'a1', m: m2a(0, 'v1') })).toBe(s);
    const t = model.next(s, { type: 'Phase1a', b: 1 });
    expect(t).not.toBe(s);
    expect(t?.msgs).toHaveLength(4);
    expect(model.next(s, { type: 'Phase2b', a: 'a2', m: m2a(0, 'v1') })).not.toBe(s);
  });
});
