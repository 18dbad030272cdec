// Verdicts of predicates that read part of a state, remembered per object of that part: a node's
// state, a message, or the node tuple (hash-consed, so equal tuples are one object). Many global
// states share these parts, so such a predicate runs once per distinct part, not once per state.
// Keys are objects, never hashes: a verdict is reused only for the very same object.

/** Predicates of one level; bit k of an entry is predicate k's verdict (up to 32 per level). */
export class ObjectVerdicts {
  private readonly table = new WeakMap<object, Uint32Array>();
  private last: object | null = null;
  private lastEntry: Uint32Array = new Uint32Array(2);

  /** Predicate k's verdict on `x`, computed by `f` the first time. */
  check<X>(k: number, x: X, f: (x: X) => boolean): boolean {
    if (k >= 32 || typeof x !== 'object' || x === null) return f(x);
    const e = this.entry(x);
    const bit = 1 << k;
    if (((e[0] as number) & bit) !== 0) return ((e[1] as number) & bit) !== 0;
    const v = f(x);
    e[0] = (e[0] as number) | bit;
    if (v) e[1] = (e[1] as number) | bit;
    return v;
  }

  private entry(x: object): Uint32Array {
    if (x === this.last) return this.lastEntry;
    let e = this.table.get(x);
    if (e === undefined) this.table.set(x, (e = new Uint32Array(2) as Uint32Array));
    this.last = x;
    this.lastEntry = e;
    return e;
  }
}
