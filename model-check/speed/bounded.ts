// The one bound every cache of the speed layer uses: a map that forgets everything once it holds
// `limit` entries, so that a cache never keeps more than that many values alive.

/** A map with at most `limit` entries; adding to a full one first empties it. */
export class BoundedMap<K, V> {
  private map = new Map<K, V>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get(k: K): V | undefined {
    return this.map.get(k);
  }

  /** Stores `v` under `k` and returns it. */
  set(k: K, v: V): V {
    if (this.map.size >= this.limit) this.map = new Map();
    this.map.set(k, v);
    return v;
  }

  get size(): number {
    return this.map.size;
  }
}
