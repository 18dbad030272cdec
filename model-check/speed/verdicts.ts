// Verdicts of predicates that read part of a state, remembered per object of that part: a node's
// state, a message, or the tuple of node-state objects. Many global states share these parts
// (docs/explorer.md has the figures), so such a predicate runs once per distinct part, not once per
// state. Keys are objects or exact object ids, never hashes: a verdict is reused only for the very
// same objects.

/** Predicates of one level; bit k of an entry is predicate k's verdict (up to 32 per level). */
export class ObjectVerdicts {
  private readonly table = new WeakMap<object, Uint32Array>();
  /** Per position (of a message in the network), the last object asked about there and its entry. */
  private readonly lastAt: (object | null)[] = [];
  private readonly entryAt: Uint32Array[] = [];

  /**
   * Predicate k's verdict on `x`, computed by `f` the first time. `at`: where `x` sits in the state
   * (successive states share most messages at the same places, which then need no lookup).
   */
  check<X>(k: number, x: X, f: (x: X) => boolean, at = 0): boolean {
    if (k >= 32 || typeof x !== 'object' || x === null) return f(x);
    const e = this.entry(x, at & 63);
    const bit = 1 << k;
    if (((e[0] as number) & bit) !== 0) return ((e[1] as number) & bit) !== 0;
    const v = f(x);
    e[0] = (e[0] as number) | bit;
    if (v) e[1] = (e[1] as number) | bit;
    return v;
  }

  private entry(x: object, at: number): Uint32Array {
    if (x === this.lastAt[at]) return this.entryAt[at] as Uint32Array;
    let e = this.table.get(x);
    if (e === undefined) this.table.set(x, (e = new Uint32Array(2) as Uint32Array));
    this.lastAt[at] = x;
    this.entryAt[at] = e;
    return e;
  }
}

/** Up to 32 predicates per table: a verdict is one bit of a slot's word. */
export const MAX_PREDICATES = 32;

/**
 * A direct-mapped table from a tuple of object ids to the verdicts computed for it so far. It starts
 * small and doubles, keeping its contents, whenever it has evicted an eighth as many tuples as it
 * has slots, up to 2^20 slots (32 MiB for three nodes).
 */
export class VerdictTable {
  private readonly width: number;
  private bits: number;
  private readonly maxBits: number;
  private mask = 0;
  private evictions = 0;
  /** `width` ids per slot; 0 marks an empty slot (ids start at 1). */
  private keys = new Float64Array(0);
  /** Bit k set: predicate k has been evaluated for the slot's tuple. */
  private knownBits = new Uint32Array(0);
  /** Bit k: predicate k's verdict. */
  private value = new Uint32Array(0);

  constructor(width: number, bits = 12, maxBits = 20) {
    this.width = width;
    this.bits = bits;
    this.maxBits = maxBits;
    this.allocate();
  }

  private allocate(): void {
    this.mask = (1 << this.bits) - 1;
    this.keys = new Float64Array(this.width << this.bits);
    this.knownBits = new Uint32Array(1 << this.bits);
    this.value = new Uint32Array(1 << this.bits);
    this.evictions = 0;
  }

  private index(ids: ArrayLike<number>, at: number): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < this.width; k++) {
      const id = ids[at + k] as number;
      h = Math.imul(h ^ (id | 0), 0x01000193);
      h = Math.imul(h ^ ((id / 4294967296) | 0), 0x01000193);
    }
    h ^= h >>> 15;
    return h & this.mask;
  }

  /** Twice the slots, keeping what fits. */
  private grow(): void {
    const { keys, knownBits: known, value, width: w } = this;
    this.bits++;
    this.allocate();
    const [to, toKnown, toValue] = [this.keys, this.knownBits, this.value];
    for (let s = 0; s < known.length; s++) {
      if (keys[s * w] === 0) continue;
      const t = this.index(keys, s * w);
      // Element by element: a subarray per slot would allocate an object per tuple kept.
      for (let k = 0; k < w; k++) to[t * w + k] = keys[s * w + k] as number;
      toKnown[t] = known[s] as number;
      toValue[t] = value[s] as number;
    }
  }

  /** The slot of this tuple of ids, claimed (and cleared) if another tuple held it. */
  slot(ids: Float64Array): number {
    const s = this.index(ids, 0);
    const base = s * this.width;
    let same = true;
    for (let k = 0; k < this.width; k++) if (this.keys[base + k] !== ids[k]) same = false;
    if (same) return s;
    if (this.keys[base] !== 0 && ++this.evictions > this.mask >>> 3 && this.bits < this.maxBits) {
      this.grow();
      return this.slot(ids);
    }
    for (let k = 0; k < this.width; k++) this.keys[base + k] = ids[k] as number;
    this.knownBits[s] = 0;
    this.value[s] = 0;
    return s;
  }

  /** Predicate k's verdict for the tuple in slot `s`: 1 true, 0 false, -1 not computed yet. */
  lookup(s: number, k: number): number {
    const bit = 1 << k;
    if (((this.knownBits[s] as number) & bit) === 0) return -1;
    return ((this.value[s] as number) & bit) !== 0 ? 1 : 0;
  }

  /** The verdicts known for slot `s` (bit k: predicate k) and, of those, the ones that hold. */
  known(s: number): number {
    return this.knownBits[s] as number;
  }

  holds(s: number): number {
    return this.value[s] as number;
  }

  /** Records predicate k's verdict for the tuple in slot `s`. */
  store(s: number, k: number, v: boolean): void {
    const bit = 1 << k;
    this.knownBits[s] = (this.knownBits[s] as number) | bit;
    if (v) this.value[s] = (this.value[s] as number) | bit;
  }
}

/** Verdicts per tuple of node-state objects, each object numbered once. */
export class TupleVerdicts {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private readonly table: VerdictTable;
  private readonly tuple: Float64Array;
  private readonly keys: readonly string[];
  private lastNodes: object | null = null;
  private lastSlot = -1;
  /** Per position, the last object numbered there: successors of one state share most nodes. */
  private readonly lastObjects: unknown[];

  constructor(keys: readonly string[]) {
    this.keys = keys;
    this.table = new VerdictTable(keys.length);
    this.tuple = new Float64Array(keys.length);
    this.lastObjects = keys.map(() => null);
  }

  /**
   * Of the predicates `from` .. `from + fs.length - 1` (`fs[j]` is predicate `from + j`), those the
   * record `nodes` breaks, as a mask over j: one slot for all of them, each computed the first time.
   */
  broken<X extends Readonly<Record<string, unknown>>>(from: number, nodes: X, fs: readonly ((x: X) => boolean)[]): number {
    const s = from + fs.length < MAX_PREDICATES ? this.slotOf(nodes) : -1;
    if (s < 0) return brokenNow(nodes, fs);
    const all = ((1 << fs.length) - 1) << from;
    if ((this.table.known(s) & all) !== all) for (let j = 0; j < fs.length; j++) if (this.table.lookup(s, from + j) < 0) this.table.store(s, from + j, (fs[j] as (x: X) => boolean)(nodes));
    return (~this.table.holds(s) & all) >>> from;
  }

  // The predicates of one state are asked in a row: its slot is remembered.
  private slotOf(nodes: Readonly<Record<string, unknown>>): number {
    if (nodes === this.lastNodes) return this.lastSlot;
    this.lastNodes = nodes;
    this.lastSlot = -1;
    for (let k = 0; k < this.keys.length; k++) {
      const s = nodes[this.keys[k] as string];
      if (typeof s !== 'object' || s === null) return -1;
      if (s === this.lastObjects[k]) continue;
      let id = this.ids.get(s);
      if (id === undefined) this.ids.set(s, (id = this.nextId++));
      this.tuple[k] = id;
      this.lastObjects[k] = s;
    }
    return (this.lastSlot = this.table.slot(this.tuple));
  }
}

/** The predicates `fs[j]` that `x` breaks, as a mask over j, each computed now. */
export function brokenNow<X>(x: X, fs: readonly ((x: X) => boolean)[]): number {
  let broken = 0;
  for (let j = 0; j < fs.length; j++) if (!(fs[j] as (x: X) => boolean)(x)) broken |= 1 << j;
  return broken;
}
