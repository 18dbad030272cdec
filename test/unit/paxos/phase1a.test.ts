import { describe, expect, it } from 'vitest';
import { phase1a } from '../../../src/paxos/actions/phase1a.ts';
import { m1a, m1b, state } from './build.ts';

describe('Phase1a', () => {
  it('sends a prepare request for ballot b and changes nothing else (Paxos Made Simple §2.2, Phase 1(a))', () => {
    expect(phase1a(state({ msgs: [m1b('a1', 0)], maxBal: { a1: 0 } }), 1)).toEqual(
      state({ msgs: [m1b('a1', 0), m1a(1)], maxBal: { a1: 0 } }),
    );
  });

  it('is still enabled when the 1a message was already sent: a stutter step, so no state is a deadlock', () => {
    const s = state({ msgs: [m1a(0)] });
    expect(phase1a(s, 0)).toEqual(s);
  });
});
