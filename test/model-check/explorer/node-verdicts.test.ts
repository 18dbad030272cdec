import { describe, expect, it } from 'vitest';
import { VerdictTable } from '../../../model-check/node-verdicts.ts';

const ids = (...x: number[]) => Float64Array.from(x);

describe('VerdictTable (verdicts per tuple of node-state ids)', () => {
  it('remembers each predicate of a tuple, true and false, and nothing for another tuple', () => {
    const t = new VerdictTable(3);
    const s = t.slot(ids(1, 2, 3));
    expect([t.lookup(s, 0), t.lookup(s, 5)]).toEqual([-1, -1]);
    t.store(s, 0, true);
    t.store(s, 5, false);
    expect(t.slot(ids(1, 2, 3))).toBe(s);
    expect([t.lookup(s, 0), t.lookup(s, 5), t.lookup(s, 1)]).toEqual([1, 0, -1]);
    const o = t.slot(ids(3, 2, 1));
    expect(t.lookup(o, 0)).toBe(-1);
  });

  it('ids above 2^32 are told apart from ids that agree in the low 32 bits', () => {
    const t = new VerdictTable(1, 0, 0);
    const a = t.slot(ids(7));
    t.store(a, 0, true);
    const b = t.slot(ids(7 + 2 ** 32));
    expect(b).toBe(a);
    expect(t.lookup(b, 0)).toBe(-1);
  });

  it('a tuple that takes a slot clears it; growing keeps what it holds', () => {
    const t = new VerdictTable(2, 1, 12);
    for (let k = 1; k <= 3000; k++) t.store(t.slot(ids(k, k + 1)), 3, k % 2 === 0);
    let known = 0;
    for (let k = 1; k <= 3000; k++) {
      const v = t.lookup(t.slot(ids(k, k + 1)), 3);
      if (v >= 0) {
        known++;
        expect(v).toBe(k % 2 === 0 ? 1 : 0);
      }
    }
    expect(known).toBeGreaterThan(1000);
  });
});
