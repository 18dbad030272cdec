import { describe, expect, it } from 'vitest';
import { permutations } from '../../src/core/index.ts';

describe('permutations (TLC Permutations)', () => {
  it('lists every renaming of a group, identity first', () => {
    expect(permutations([['s1', 's2', 's3']])).toHaveLength(6);
    expect(permutations([['s1', 's2']])).toEqual([{ s1: 's1', s2: 's2' }, { s1: 's2', s2: 's1' }]);
  });

  it('combines groups as a product', () => {
    const ps = permutations([['s1', 's2', 's3'], ['v1', 'v2']]);
    expect(ps).toHaveLength(12);
    expect(new Set(ps.map((p) => JSON.stringify(p))).size).toBe(12);
  });
});
