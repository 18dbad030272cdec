import { describe, expect, it } from 'vitest';
import { phase1b } from '../../../src/paxos/actions/phase1b.ts';
import { m1a, m1b, m2a, m2b, state } from './build.ts';

describe('Phase1b', () => {
  it('is disabled for a 1a message that was never sent (m \\in msgs)', () => {
    expect(phase1b(state({ msgs: [m1a(0)] }), 'a1', m1a(1))).toBeNull();
  });

  it('is disabled unless the ballot is above maxBal[a] (§2.2 Phase 1(b): greater than any prepare answered)', () => {
    expect(phase1b(state({ msgs: [m1a(1)], maxBal: { a1: 1 } }), 'a1', m1a(1))).toBeNull();
    expect(phase1b(state({ msgs: [m1a(0)], maxBal: { a1: 1 } }), 'a1', m1a(0))).toBeNull();
  });

  it('promises ballot b and reports no vote (-1, None) when a has not voted', () => {
    expect(phase1b(state({ msgs: [m1a(0)] }), 'a2', m1a(0))).toEqual(
      state({ msgs: [m1a(0), m1b('a2', 0, -1, null)], maxBal: { a2: 0 } }),
    );
  });

  it('reports its highest-numbered vote, maxVBal[a] and maxVal[a] (§2.2 Phase 1(b))', () => {
    const before = { msgs: [m1a(0), m1a(2), m2a(0, 'v2'), m2b('a1', 0, 'v2')], maxBal: { a1: 0 }, maxVBal: { a1: 0 }, maxVal: { a1: 'v2' } };
    expect(phase1b(state(before), 'a1', m1a(2))).toEqual(
      state({ ...before, msgs: [...before.msgs, m1b('a1', 2, 0, 'v2')], maxBal: { a1: 2 } }),
    );
  });
});
