// Verdicts of predicates that read only the node states, remembered per combination of node-state
// objects. Many global states differ only in the messages in flight (a Raft model with 600k distinct
// states has under 500k distinct node combinations among five million states checked), so such a
// predicate need not run again for every one. The table is fixed in size (a newer combination takes
// an older one's slot) and keys are exact object ids, never hashes: a verdict is reused only for the
// very same node-state objects.

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
  private known = new Uint32Array(0);
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
    this.known = new Uint32Array(1 << this.bits);
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
    const { keys, known, value } = this;
    this.bits++;
    this.allocate();
    for (let s = 0; s < known.length; s++) {
      if (keys[s * this.width] === 0) continue;
      const t = this.index(keys, s * this.width);
      this.keys.set(keys.subarray(s * this.width, (s + 1) * this.width), t * this.width);
      this.known[t] = known[s] as number;
      this.value[t] = value[s] as number;
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
    this.known[s] = 0;
    this.value[s] = 0;
    return s;
  }

  /** Predicate k's verdict for the tuple in slot `s`: 1 true, 0 false, -1 not computed yet. */
  lookup(s: number, k: number): number {
    const bit = 1 << k;
    if (((this.known[s] as number) & bit) === 0) return -1;
    return ((this.value[s] as number) & bit) !== 0 ? 1 : 0;
  }

  /** Records predicate k's verdict for the tuple in slot `s`. */
  store(s: number, k: number, v: boolean): void {
    const bit = 1 << k;
    this.known[s] = (this.known[s] as number) | bit;
    if (v) this.value[s] = (this.value[s] as number) | bit;
  }
}

/**
 * Wraps predicates over a state with node states `nodes[ids[k]]` so that each is evaluated once per
 * tuple of node-state objects. `idOf` numbers a node's state object (null: not an object, no reuse).
 */
export function nodeVerdicts<N>(ids: readonly string[], idOf: (i: string, s: N) => number | null) {
  const table = new VerdictTable(ids.length);
  const tuple = new Float64Array(ids.length);
  // The predicates of one state are asked in a row: remember its slot.
  let lastNodes: object | null = null;
  let lastSlot = -1;
  const slotOf = (nodes: Readonly<Record<string, N>>): number => {
    if (nodes === lastNodes) return lastSlot;
    lastNodes = nodes;
    lastSlot = -1;
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k] as string;
      const id = idOf(i, nodes[i] as N);
      if (id === null) return -1;
      tuple[k] = id;
    }
    return (lastSlot = table.slot(tuple));
  };
  let predicates = 0;
  return {
    /** `f` with its verdicts remembered (past MAX_PREDICATES predicates, `f` itself). */
    wrap<G extends { readonly nodes: Readonly<Record<string, N>> }>(f: (g: G) => boolean): (g: G) => boolean {
      if (predicates >= MAX_PREDICATES) return f;
      const k = predicates++;
      return (g) => {
        const s = slotOf(g.nodes);
        if (s < 0) return f(g);
        const v = table.lookup(s, k);
        if (v >= 0) return v === 1;
        const r = f(g);
        table.store(s, k, r);
        return r;
      };
    },
  };
}
