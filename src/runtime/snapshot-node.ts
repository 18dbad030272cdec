// Log compaction in the node loop (Raft §7). Taking a snapshot is off the hot path: the KV store is
// frozen (copy-on-write) and read in slices, and the file is written record by record through the
// thread pool while rounds go on; only then does a round compact the protocol's log and truncate the
// WAL. A snapshot installed from the leader is made durable before the round's WAL write and before
// any message leaves (the reply acknowledges it), and replaces the KV store.
import type { Message, NodeId, NodeRuntime, RuntimeSnapshot, SnapshotRuntime, Tagged } from '../core/index.ts';
import type { KvStore } from './kv/kv.ts';
import { badKvSnapshot, captureKv, kvMaps, loadKv } from './snapshot-kv.ts';
import type { KvMaps, KvSnapshotData } from './snapshot-kv.ts';
import type { SnapshotStore } from './snapshot-store.ts';

export interface SnapshotterOptions<S, A extends Tagged, M extends Message> {
  readonly id: NodeId;
  readonly runtime: NodeRuntime<S, A, M>;
  readonly store: SnapshotStore;
  readonly kv: KvStore;
  readonly log: (line: string) => void;
  /** A snapshot is durable: a later round compacts the log with `take`. */
  readonly ready: (snap: RuntimeSnapshot) => void;
}

/** The node loop's snapshot duties; see the file comment. */
export class Snapshotter<S, A extends Tagged, M extends Message> {
  private readonly o: SnapshotterOptions<S, A, M>;
  private readonly rt: SnapshotRuntime<S, M>;
  private job: { cancelled: boolean } | null = null;
  /** After a failed write, no new snapshot before this position is applied (no retry every round). */
  private retryAfter = 0;
  /** The maps of an installed snapshot, built while its file was written, for `install` to take. */
  private built: { readonly index: number; readonly maps: KvMaps } | null = null;
  /** Snapshots taken and installed, and the last one's size and time, for /status and benchmarks. */
  readonly stats = { taken: 0, installed: 0, lastBytes: 0, lastMs: 0 };

  constructor(o: SnapshotterOptions<S, A, M>, rt: SnapshotRuntime<S, M>) {
    this.o = o;
    this.rt = rt;
  }

  /** The position the protocol's snapshot includes (0: none). */
  index(s: S): number {
    return this.rt.current(s)?.index ?? 0;
  }

  /** At start: loads the KV store from the restored state's snapshot; the position applied. */
  restore(s: S): number {
    const snap = this.rt.current(s);
    if (snap === null) return 0;
    const bad = badKvSnapshot(snap.data);
    if (bad !== null) throw new Error(`snapshot ${snap.index}: ${bad}`);
    loadKv(this.o.kv, snap.data as KvSnapshotData);
    return snap.index;
  }

  /** After a peer's message was stepped: false if it installed a snapshot that is not this KV store's (dropped). */
  acceptable(before: S, after: S): boolean {
    const snap = this.rt.current(after);
    if (snap === null || snap.index <= this.index(before)) return true;
    const bad = badKvSnapshot(snap.data);
    if (bad !== null) this.o.log(`snapshot: dropped an installed snapshot of index ${snap.index}: ${bad}`);
    return bad === null;
  }

  /** Whether s holds an installed snapshot that `persist` would write. */
  pending(s: S): boolean {
    const snap = this.rt.current(s);
    return snap !== null && snap.index > this.o.store.index;
  }

  /** Before the round's WAL write: makes an installed snapshot durable; true if it did (truncate the WAL). */
  async persist(s: S): Promise<boolean> {
    const snap = this.rt.current(s);
    if (snap === null || !this.pending(s)) return false;
    this.cancel();
    // The KV store's maps are built in slices while the file is written: installing them is then no copy.
    const [w, maps] = await Promise.all([this.o.store.write(snap), kvMaps(snap.data as KvSnapshotData)]);
    if (w === null) return false;
    this.built = { index: snap.index, maps };
    this.stats.installed += 1;
    this.note(w);
    this.o.log(`snapshot: installed index ${snap.index} from the leader (${w.bytes} bytes written in ${w.ms.toFixed(1)} ms)`);
    return true;
  }

  /** After the write: the KV store takes an installed snapshot; the position applied then, or null. */
  install(s: S, applied: number): number | null {
    const snap = this.rt.current(s);
    if (snap === null || snap.index <= applied) return null;
    this.cancel();
    const t0 = performance.now();
    const built = this.built?.index === snap.index ? this.built.maps : null;
    this.built = null;
    loadKv(this.o.kv, snap.data as KvSnapshotData, built);
    this.o.log(`snapshot: loaded index ${snap.index} into the KV store (${this.o.kv.size} keys) in ${(performance.now() - t0).toFixed(1)} ms${built === null ? '' : ', its maps built during the write'}`);
    return snap.index;
  }

  /** The log compacted up to a durable snapshot of ours (null: no longer allowed, e.g. a newer one installed). */
  take(i: NodeId, s: S, snap: RuntimeSnapshot): S | null {
    const next = this.rt.take(i, s, snap);
    if (next !== null) this.stats.taken += 1;
    return next;
  }

  /** After applying: starts a snapshot of the applied state if the settings call for one and none runs. */
  maybeStart(s: S, applied: number, walBytes: number): void {
    const { entries, walBytes: limit } = this.o.store.settings;
    const since = applied - Math.max(this.index(s), this.o.store.index);
    if (this.job !== null || since <= 0 || applied < this.retryAfter) return;
    if (!((entries > 0 && since >= entries) || (limit > 0 && walBytes >= limit))) return;
    const id = this.o.runtime.entryId(s, applied);
    if (id === null) return;
    const job = { cancelled: false };
    this.job = job;
    void this.run(job, applied, id, this.rt.meta(s, applied)).finally(() => {
      if (this.job === job) this.job = null;
    });
  }

  private async run(job: { cancelled: boolean }, index: number, id: string | number, meta: unknown): Promise<void> {
    try {
      const t0 = performance.now();
      const data = await captureKv(this.o.kv, () => job.cancelled);
      if (data === null || job.cancelled) return;
      const captured = performance.now() - t0;
      const snap: RuntimeSnapshot = { index, id, data, meta };
      const w = await this.o.store.write(snap);
      if (w === null || job.cancelled) return;
      this.note(w);
      this.o.log(`snapshot: wrote index ${index} (${w.bytes} bytes in ${w.ms.toFixed(1)} ms, captured in ${captured.toFixed(1)} ms)`);
      this.o.ready(snap);
    } catch (e) {
      this.retryAfter = index + Math.max(this.o.store.settings.entries, 1);
      this.o.log(`snapshot: writing index ${index} failed: ${(e as Error).message}; the log is kept`);
    }
  }

  private note(w: { bytes: number; ms: number }): void {
    this.stats.lastBytes = w.bytes;
    this.stats.lastMs = w.ms;
  }

  /** A snapshot from the leader replaces the store: a capture in progress is abandoned. */
  private cancel(): void {
    if (this.job !== null) this.job.cancelled = true;
  }
}
