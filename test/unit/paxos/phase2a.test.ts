import { describe, expect, it } from 'vitest';
import { phase2a } from '../../../src/paxos/actions/phase2a.ts';
import { m1b, m2a, state } from './build.ts';

const a12 = ['a1', 'a2'] as const;

describe('Phase2a', () => {
  it('is disabled once a 2a message for ballot b was sent (one proposal per ballot)', () => {
    const s = state({ msgs: [m1b('a1', 0), m1b('a2', 0), m2a(0, 'v1')] });
    expect(phase2a(s, 0, 'v2', a12, null)).toBeNull();
    expect(phase2a(s, 0, 'v1', a12, null)).toBeNull();
  });

  it('is disabled until every member of Q has answered ballot b (§2.2 Phase 2(a): responses from a majority)', () => {
    expect(phase2a(state({ msgs: [m1b('a1', 0), m1b('a2', 1)] }), 0, 'v1', a12, null)).toBeNull();
  });

  it('proposes any value when no member of Q reports a vote (Q1bv = {})', () => {
    const msgs = [m1b('a1', 1), m1b('a2', 1)];
    expect(phase2a(state({ msgs }), 1, 'v2', a12, null)).toEqual(state({ msgs: [...msgs, m2a(1, 'v2')] }));
  });

  it('the Q1bv = {} branch is disabled when some member of Q reported a vote', () => {
    expect(phase2a(state({ msgs: [m1b('a1', 1, 0, 'v1'), m1b('a2', 1)] }), 1, 'v2', a12, null)).toBeNull();
  });

  it('proposes the value of the highest-numbered reported vote (§2.2, P2c)', () => {
    const msgs = [m1b('a1', 2, 0, 'v1'), m1b('a2', 2, 1, 'v2')];
    expect(phase2a(state({ msgs }), 2, 'v2', a12, m1b('a2', 2, 1, 'v2'))).toEqual(state({ msgs: [...msgs, m2a(2, 'v2')] }));
  });

  it('is disabled for a witness whose vote is not the highest reported', () => {
    const msgs = [m1b('a1', 2, 0, 'v1'), m1b('a2', 2, 1, 'v2')];
    expect(phase2a(state({ msgs }), 2, 'v1', a12, m1b('a1', 2, 0, 'v1'))).toBeNull();
  });

  it('is disabled when v is not the witness value (m.mval = v)', () => {
    const msgs = [m1b('a1', 2, 0, 'v1'), m1b('a2', 2)];
    expect(phase2a(state({ msgs }), 2, 'v2', a12, m1b('a1', 2, 0, 'v1'))).toBeNull();
  });

  it('is disabled for a witness outside Q1bv: not sent, from outside Q, of another ballot, or with no vote', () => {
    const msgs = [m1b('a1', 2, 0, 'v1'), m1b('a2', 2), m1b('a3', 2, 1, 'v2'), m1b('a1', 1, 0, 'v1')];
    const s = state({ msgs });
    expect(phase2a(s, 2, 'v1', a12, m1b('a1', 2, 1, 'v1'))).toBeNull();
    expect(phase2a(s, 2, 'v2', a12, m1b('a3', 2, 1, 'v2'))).toBeNull();
    expect(phase2a(s, 2, 'v1', a12, m1b('a1', 1, 0, 'v1'))).toBeNull();
    expect(phase2a(s, 2, 'v1', a12, m1b('a2', 2))).toBeNull();
  });

  it('two witnesses with the same highest vote both lead to the same successor (TLC counts both)', () => {
    const msgs = [m1b('a1', 1, 0, 'v1'), m1b('a2', 1, 0, 'v1')];
    const t = state({ msgs: [...msgs, m2a(1, 'v1')] });
    expect(phase2a(state({ msgs }), 1, 'v1', a12, m1b('a1', 1, 0, 'v1'))).toEqual(t);
    expect(phase2a(state({ msgs }), 1, 'v1', a12, m1b('a2', 1, 0, 'v1'))).toEqual(t);
  });
});
