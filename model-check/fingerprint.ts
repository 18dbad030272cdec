// 64-bit fingerprints of canonical state encodings, and a visited set of them in one typed array
// (open addressing, linear probing): no JavaScript object per visited state.

/**
 * A streaming 64-bit hash over 32-bit words (two lanes, each step feeding the first into the
 * second, finished with murmur3's fmix32); the result is left in `hi` and `lo`. Collision odds for
 * n states are about n^2 / 2^65, as with TLC's fingerprints.
 */
export class Hasher {
  hi = 0;
  lo = 0;
  private h1 = 0;
  private h2 = 0;

  begin(seed: number): void {
    this.h1 = 0x9e3779b9 ^ seed;
    this.h2 = 0x85ebca6b;
  }

  word(c: number): void {
    let h1 = Math.imul(this.h1 ^ c, 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    let h2 = Math.imul(this.h2 ^ c, 0x1b873593) + h1;
    h2 = (h2 << 13) | (h2 >>> 19);
    this.h1 = h1;
    this.h2 = h2;
  }

  end(): void {
    const h1 = fmix(this.h1 ^ this.h2);
    this.hi = h1 >>> 0;
    this.lo = fmix(this.h2 + Math.imul(h1, 0x27d4eb2d)) >>> 0;
  }

  /** Hashes a whole string (two UTF-16 code units a word). */
  hash(s: string): void {
    const n = s.length;
    this.begin(n);
    let k = 0;
    for (; k + 1 < n; k += 2) this.word(s.charCodeAt(k) | (s.charCodeAt(k + 1) << 16));
    if (k < n) this.word(s.charCodeAt(k));
    this.end();
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A set of 64-bit fingerprints: 8 bytes a slot, grown by 1.6x when 80% full, so it holds between
 * 10 and 16 bytes per member. The fingerprint 0 is stored as 1 (the empty-slot marker).
 */
export class FingerprintSet {
  private table: Uint32Array;
  private capacity: number;
  size = 0;

  constructor(initialCapacity = 1 << 16) {
    this.capacity = initialCapacity;
    this.table = new Uint32Array(2 * initialCapacity);
  }

  /** Adds the fingerprint; returns true if it was not there before. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.size >= this.capacity * 0.8) this.grow();
    return this.insert(this.table, this.capacity, hi, lo);
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Calls `f` with each member. */
  forEach(f: (hi: number, lo: number) => void): void {
    const t = this.table;
    for (let k = 0; k < t.length; k += 2) if (t[k] !== 0 || t[k + 1] !== 0) f(t[k] as number, t[k + 1] as number);
  }

  private insert(t: Uint32Array, cap: number, hi: number, lo: number): boolean {
    let slot = Math.floor((hi / 4294967296) * cap);
    for (;;) {
      const h = t[2 * slot] as number;
      const l = t[2 * slot + 1] as number;
      if (h === 0 && l === 0) {
        t[2 * slot] = hi;
        t[2 * slot + 1] = lo;
        this.size++;
        return true;
      }
      if (h === hi && l === lo) return false;
      slot = slot + 1 === cap ? 0 : slot + 1;
    }
  }

  private grow(): void {
    const old = this.table;
    const cap = Math.ceil(this.capacity * 1.6);
    const t = new Uint32Array(2 * cap);
    const n = this.size;
    for (let k = 0; k < old.length; k += 2) {
      const h = old[k] as number;
      const l = old[k + 1] as number;
      if (h !== 0 || l !== 0) this.insert(t, cap, h, l);
    }
    this.size = n;
    this.table = t;
    this.capacity = cap;
  }
}
