// Every renaming of a group of interchangeable names (TLC's `Permutations(S)`).
import type { Permutation } from './symmetry.ts';

/**
 * All permutations of each group, combined across groups (the product), identity first.
 * `permutations([['s1', 's2']])` is `[{ s1: 's1', s2: 's2' }, { s1: 's2', s2: 's1' }]`.
 */
export function permutations(groups: readonly (readonly string[])[]): readonly Permutation[] {
  let out: Record<string, string>[] = [{}];
  for (const g of groups) {
    const next: Record<string, string>[] = [];
    for (const order of orders(g)) {
      for (const p of out) {
        const q = { ...p };
        g.forEach((x, k) => (q[x] = order[k] as string));
        next.push(q);
      }
    }
    out = next;
  }
  return out;
}

function orders(xs: readonly string[]): string[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: string[][] = [];
  xs.forEach((x, k) => {
    for (const rest of orders([...xs.slice(0, k), ...xs.slice(k + 1)])) out.push([x, ...rest]);
  });
  return out;
}
