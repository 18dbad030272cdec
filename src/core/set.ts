// Finite sets as sorted, duplicate-free readonly arrays: plain data with a canonical order, so two
// equal sets encode equally without a Set object in the state.

/** The sorted set of the given elements (strings or numbers). */
export function setOf<T extends string | number>(xs: Iterable<T>): readonly T[] {
  return [...new Set(xs)].sort(compare);
}

/** `x \in s`. */
export function setHas<T extends string | number>(s: readonly T[], x: T): boolean {
  return s.includes(x);
}

/** `s \cup {x}`, kept sorted. */
export function setAdd<T extends string | number>(s: readonly T[], x: T): readonly T[] {
  if (s.includes(x)) return s;
  return [...s, x].sort(compare);
}

/** `s \ {x}`. */
export function setRemove<T extends string | number>(s: readonly T[], x: T): readonly T[] {
  return s.includes(x) ? s.filter((y) => y !== x) : s;
}

/** `SUBSET s`: every subset, each sorted, smallest first. */
export function subsets<T extends string | number>(s: readonly T[]): readonly (readonly T[])[] {
  const sorted = setOf(s);
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << sorted.length; mask++) {
    out.push(sorted.filter((_, k) => (mask & (1 << k)) !== 0));
  }
  return out.sort((a, b) => a.length - b.length);
}

function compare<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
