// Copy-on-write for the state machine's maps (issue 16: snapshotting must not stall replication).
// `freeze()` turns the current contents into a read-only base that a snapshot reads at leisure, while
// writes go to an overlay (tombstones for deletions); `thaw()` folds the overlay back in, a cost
// proportional to the writes made meanwhile, not to the map.

const GONE: unique symbol = Symbol('deleted');

/** A Map whose contents can be frozen for a reader while writes go on. */
export class CowMap<K, V> {
  private base = new Map<K, V>();
  private overlay: Map<K, V | typeof GONE> | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(k: K): boolean {
    const o = this.overlay?.get(k);
    if (o !== undefined) return o !== GONE;
    return this.base.has(k);
  }

  get(k: K): V | undefined {
    const o = this.overlay?.get(k);
    if (o !== undefined) return o === GONE ? undefined : o;
    return this.base.get(k);
  }

  set(k: K, v: V): void {
    if (!this.has(k)) this.count += 1;
    if (this.overlay !== null) this.overlay.set(k, v);
    else this.base.set(k, v);
  }

  delete(k: K): void {
    if (!this.has(k)) return;
    this.count -= 1;
    if (this.overlay !== null) this.overlay.set(k, GONE);
    else this.base.delete(k);
  }

  /** The entries now (the overlay over the base); a copy, so the map may change while it is walked. */
  entries(): [K, V][] {
    const out: [K, V][] = [];
    for (const [k, v] of this.base) if (this.overlay === null || !this.overlay.has(k)) out.push([k, v]);
    if (this.overlay !== null) for (const [k, v] of this.overlay) if (v !== GONE) out.push([k, v]);
    return out;
  }

  /** Replaces the contents (a snapshot installed); a Map is taken as it is, not copied; not while frozen. */
  load(entries: Iterable<readonly [K, V]>): void {
    if (this.overlay !== null) throw new Error('CowMap.load while frozen');
    this.base = entries instanceof Map ? (entries as Map<K, V>) : new Map(entries);
    this.count = this.base.size;
  }

  /** The contents now, unchanged by later writes until `thaw()`; only one reader at a time. */
  freeze(): ReadonlyMap<K, V> {
    if (this.overlay !== null) throw new Error('CowMap is already frozen');
    this.overlay = new Map();
    return this.base;
  }

  /** Folds the writes made since `freeze()` into the base. */
  thaw(): void {
    const o = this.overlay;
    if (o === null) return;
    this.overlay = null;
    for (const [k, v] of o) {
      if (v === GONE) this.base.delete(k);
      else this.base.set(k, v);
    }
  }

  get frozen(): boolean {
    return this.overlay !== null;
  }
}
