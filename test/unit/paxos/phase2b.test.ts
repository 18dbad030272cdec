import { describe, expect, it } from 'vitest';
import { phase2b } from '../../../src/paxos/actions/phase2b.ts';
import { m2a, m2b, state } from './build.ts';

describe('Phase2b', () => {
  it('is disabled for a 2a message that was never sent (m \\in msgs)', () => {
    expect(phase2b(state({ msgs: [m2a(0, 'v1')] }), 'a1', m2a(0, 'v2'))).toBeNull();
  });

  it('is disabled below maxBal[a]: a promise made in Phase1b is kept (§2.2, P1a)', () => {
    expect(phase2b(state({ msgs: [m2a(0, 'v1')], maxBal: { a1: 1 } }), 'a1', m2a(0, 'v1'))).toBeNull();
  });

  it('votes at a ballot equal to maxBal[a]: sets maxBal, maxVBal, maxVal and sends 2b (§2.2 Phase 2(b))', () => {
    expect(phase2b(state({ msgs: [m2a(1, 'v2')], maxBal: { a3: 1 } }), 'a3', m2a(1, 'v2'))).toEqual(
      state({ msgs: [m2a(1, 'v2'), m2b('a3', 1, 'v2')], maxBal: { a3: 1 }, maxVBal: { a3: 1 }, maxVal: { a3: 'v2' } }),
    );
  });

  it('votes at a ballot above maxBal[a], raising maxBal[a] to it, and replaces its earlier vote', () => {
    const before = { msgs: [m2a(0, 'v1'), m2b('a1', 0, 'v1'), m2a(2, 'v2')], maxBal: { a1: 0 }, maxVBal: { a1: 0 }, maxVal: { a1: 'v1' } };
    expect(phase2b(state(before), 'a1', m2a(2, 'v2'))).toEqual(
      state({ msgs: [...before.msgs, m2b('a1', 2, 'v2')], maxBal: { a1: 2 }, maxVBal: { a1: 2 }, maxVal: { a1: 'v2' } }),
    );
  });
});
