// Hash-consing: one object per value among those a thread holds. Equal node states, messages and
// node tuples become one object, so that the per-object memos (hashes, steps, verdicts) hit for
// every equal value; a state copied across threads or read back from disk is mapped back onto
// the objects this thread already has.
import { BoundedMap } from './bounded.ts';
import { values, type Hash } from './hash.ts';

/** Plain data equality: same primitives, arrays and objects with the same keys and equal values. */
export function equalData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!equalData(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!Object.hasOwn(y, k) || !equalData(x[k], y[k])) return false;
  return true;
}

const key = (h: Hash): number => (h[0] >>> 0) * 2097152 + (h[1] >>> 11);

/**
 * A bounded table of representatives keyed by structural hash; equality is confirmed before a
 * representative is returned, so a hash collision only costs sharing.
 */
export class Conser<T> {
  private readonly table: BoundedMap<number, T>;
  private readonly hash: (x: T) => Hash;

  constructor(limit = 1 << 16, hash: (x: T) => Hash = (x) => values.part(x)) {
    this.table = new BoundedMap(limit);
    this.hash = hash;
  }

  /** The representative equal to `x` (`x` itself the first time). */
  get(x: T): T {
    const k = key(this.hash(x));
    const r = this.table.get(k);
    if (r !== undefined) return r === x || equalData(r, x) ? r : x;
    return this.table.set(k, x);
  }
}

/** Fields at most this many: an object built key by key beyond V8's fast-property limit would turn into a dictionary. */
const SHAPED_FIELDS = 12;

/**
 * A plain object copied key by key onto an empty literal: equal key lists then share one hidden class
 * whatever code built the value (a literal, a spread, immer), so reads of its fields stay monomorphic.
 */
export function shaped<T>(x: T): T {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || Object.getPrototypeOf(x) !== Object.prototype) return x;
  const keys = Object.keys(x);
  if (keys.length > SHAPED_FIELDS) return x;
  const o: Record<string, unknown> = {};
  for (let k = 0; k < keys.length; k++) o[keys[k] as string] = (x as Record<string, unknown>)[keys[k] as string];
  return o as T;
}

/** `x` rebuilt bottom-up from representatives: for values that arrive from another thread or from disk. */
export function consDeep<T>(c: Conser<unknown>, x: T): T {
  if (typeof x !== 'object' || x === null) return x;
  if (Array.isArray(x)) return c.get(x.map((e) => consDeep(c, e))) as T;
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(x)) o[k] = consDeep(c, (x as Record<string, unknown>)[k]);
  return c.get(o) as T;
}
