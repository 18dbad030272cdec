// One object per value among the states a thread holds. A state copied across threads or read back
// from disk arrives as fresh objects; mapped back onto the objects this thread already has, it
// shares the per-object caches (steps, hashes, verdicts) and the memory of its equals.

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

/**
 * A bounded table of representatives keyed by a 64-bit value hash; equal data is confirmed before a
 * representative is returned, so a hash collision only costs sharing. It forgets everything when
 * full, so it never holds more than `limit` objects alive.
 */
export class Interner<T> {
  private table = new Map<number, T>();
  private readonly hash: (x: T) => readonly [number, number];
  private readonly limit: number;

  constructor(hash: (x: T) => readonly [number, number], limit = 1 << 16) {
    this.hash = hash;
    this.limit = limit;
  }

  /** The representative equal to `x` (`x` itself the first time). */
  get(x: T): T {
    const h = this.hash(x);
    const key = (h[0] >>> 0) * 2097152 + (h[1] >>> 11);
    const r = this.table.get(key);
    if (r !== undefined) return r === x || equalData(r, x) ? r : x;
    if (this.table.size >= this.limit) this.table = new Map();
    this.table.set(key, x);
    return x;
  }
}
