// Bags (multisets) as readonly arrays of [element, copies] sorted by the element's canonical text:
// raft.tla's `messages`, a function from message to count, with no entry for a count of 0.
import { canonical } from './canonical.ts';

/** One element of a bag with its number of copies (always at least 1). */
export type BagEntry<T> = readonly [key: string, value: T, copies: number];
/** A bag: entries sorted by key, where key is the canonical text of the value. */
export type Bag<T> = readonly BagEntry<T>[];

/** The empty bag. */
export const emptyBag: Bag<never> = [];

/** raft.tla `WithMessage`: one more copy of `x`. */
export function bagAdd<T>(b: Bag<T>, x: T, key: string = canonical(x)): Bag<T> {
  const k = find(b, key);
  if (k < b.length && (b[k] as BagEntry<T>)[0] === key) {
    const e = b[k] as BagEntry<T>;
    return b.with(k, [key, e[1], e[2] + 1]);
  }
  return b.toSpliced(k, 0, [key, x, 1]);
}

/** raft.tla `WithoutMessage`: one copy fewer of the element with this key (none left: no entry). */
export function bagRemove<T>(b: Bag<T>, key: string): Bag<T> {
  const k = find(b, key);
  const e = b[k];
  if (e === undefined || e[0] !== key) return b;
  return e[2] <= 1 ? b.toSpliced(k, 1) : b.with(k, [key, e[1], e[2] - 1]);
}

/** Copies of the element with this key in the bag (0 if none). */
export function bagCount<T>(b: Bag<T>, key: string): number {
  const e = b[find(b, key)];
  return e !== undefined && e[0] === key ? e[2] : 0;
}

/** Total number of copies in the bag. */
export function bagSize<T>(b: Bag<T>): number {
  let n = 0;
  for (const e of b) n += e[2];
  return n;
}

function find<T>(b: Bag<T>, key: string): number {
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((b[mid] as BagEntry<T>)[0] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bag of `f(x)` for each element `x`, copies kept (elements `f` maps together are merged). */
export function bagMap<T>(b: Bag<T>, f: (x: T) => T): Bag<T> {
  let out: Bag<T> = [];
  for (const [, x, copies] of b) {
    const y = f(x);
    const key = canonical(y);
    for (let k = 0; k < copies; k++) out = bagAdd(out, y, key);
  }
  return out;
}
