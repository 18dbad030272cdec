// A fingerprint set in shared memory that several worker threads insert into at once (lock-free
// open addressing). It grows only while no worker inserts: between levels, or when every worker
// has paused at its request.

const HI = 0;
const LO = 1;
/** Shared control words: [0] members, [1] grow requested. */
const SIZE = 0;
const GROW = 1;

/** The buffers a `SharedFingerprintSet` lives in, to post to a worker. */
export interface SharedFingerprintBuffers {
  readonly table: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

/**
 * Fingerprints as (hi, lo) pairs of 32-bit words, neither ever 0 (0 marks an empty half-slot).
 * A writer claims a slot by compare-and-swap on `hi`, then stores `lo`; a reader that sees a
 * matching `hi` waits for `lo` to appear before comparing.
 */
export class SharedFingerprintSet {
  private table: Int32Array;
  private capacity: number;
  private readonly control: Int32Array;
  /** Members this thread added but has not yet counted in the shared total (see `flush`). */
  private pending = 0;

  constructor(buffers: SharedFingerprintBuffers) {
    this.table = new Int32Array(buffers.table);
    this.capacity = this.table.length / 2;
    this.control = new Int32Array(buffers.control);
  }

  static create(capacity = 1 << 16): SharedFingerprintBuffers {
    return { table: new SharedArrayBuffer(8 * capacity), control: new SharedArrayBuffer(8) };
  }

  /** Members, as far as this thread knows (its own uncounted ones included). */
  get size(): number {
    return Atomics.load(this.control, SIZE) + this.pending;
  }

  /**
   * Adds this thread's uncounted members to the shared total. A shared counter bumped on every
   * insert would bounce one cache line between the cores, so threads count in batches; each
   * thread flushes before it reports to the main thread.
   */
  flush(): void {
    if (this.pending === 0) return;
    const n = Atomics.add(this.control, SIZE, this.pending) + this.pending;
    this.pending = 0;
    if (n > this.capacity * 0.8) Atomics.store(this.control, GROW, 1);
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  /** Whether a writer asked for the table to grow (checked by workers between states). */
  get growRequested(): boolean {
    return Atomics.load(this.control, GROW) !== 0;
  }

  /** Adds the fingerprint; true if it was not there. Safe to call from several threads at once. */
  add(hi: number, lo: number): boolean {
    hi = hi | 0 || 1;
    lo = lo | 0 || 1;
    const t = this.table;
    const cap = this.capacity;
    let slot = Math.floor(((hi >>> 0) / 4294967296) * cap);
    for (let probes = 0; probes < cap; probes++) {
      const k = 2 * slot;
      let h = Atomics.load(t, k + HI);
      if (h === 0) {
        h = Atomics.compareExchange(t, k + HI, 0, hi);
        if (h === 0) {
          Atomics.store(t, k + LO, lo);
          if (++this.pending >= 256) this.flush();
          return true;
        }
      }
      if (h === hi) {
        let l = Atomics.load(t, k + LO);
        while (l === 0) l = Atomics.load(t, k + LO);
        if (l === lo) return false;
      }
      slot = slot + 1 === cap ? 0 : slot + 1;
    }
    throw new Error('shared fingerprint set is full');
  }

  /**
   * A larger table with the same members; only while no thread is inserting. Every worker idles
   * meanwhile, so a small table grows fourfold (fewer pauses), a large one 1.6-fold (less memory).
   */
  grown(): SharedFingerprintBuffers {
    this.flush();
    const cap = this.capacity < 1 << 20 ? this.capacity * 4 : Math.ceil(this.capacity * 1.6);
    const buffers = { table: new SharedArrayBuffer(8 * cap), control: this.control.buffer as SharedArrayBuffer };
    const next = new Int32Array(buffers.table);
    const old = this.table;
    for (let k = 0; k < old.length; k += 2) {
      const hi = old[k] as number;
      if (hi === 0) continue;
      let slot = Math.floor(((hi >>> 0) / 4294967296) * cap);
      while (next[2 * slot] !== 0) slot = slot + 1 === cap ? 0 : slot + 1;
      next[2 * slot] = hi;
      next[2 * slot + 1] = old[k + 1] as number;
    }
    Atomics.store(this.control, GROW, 0);
    this.table = next;
    this.capacity = cap;
    return buffers;
  }
}
