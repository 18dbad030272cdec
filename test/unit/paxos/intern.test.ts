import { describe, expect, it } from 'vitest';
import { interner } from '../../../src/paxos/intern.ts';
import { encode } from '../../../src/paxos/encode.ts';
import { c3, state } from './build.ts';

describe('Paxos intern (states that crossed threads or the disk)', () => {
  it('rebuilds an equal state, with one object per message and the acceptors in constant order', () => {
    const intern = interner(c3);
    const s = state({
      maxBal: { a2: 1 },
      maxVBal: { a2: 1 },
      maxVal: { a2: 'v1' },
      msgs: [{ type: '1a', bal: 1 }, { type: '2a', bal: 1, val: 'v1' }, { type: '2b', acc: 'a2', bal: 1, val: 'v1' }, { type: '1b', acc: 'a3', bal: 1, mbal: -1, mval: null }],
    });
    const a = intern(structuredClone(s));
    const b = intern(structuredClone(s));
    expect(encode(c3, a)).toBe(encode(c3, s));
    expect(a).toEqual(s);
    expect(Object.keys(a.maxVal)).toEqual(['a1', 'a2', 'a3']);
    expect(a.msgs.every((m, k) => m === b.msgs[k])).toBe(true);
  });
});
