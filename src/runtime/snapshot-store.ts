// Where a node's snapshots go (`<dataDir>/<id>/snapshot.snap`): one file, replaced atomically, written
// one at a time, and never by an older snapshot than the one it holds.
import type { RuntimeSnapshot } from '../core/index.ts';
import { readSnapshotFile, removeSnapshotTemp, SnapshotCorruptError, writeSnapshotFile } from './snapshot-file.ts';
import type { SnapshotWritten } from './snapshot-file.ts';
import { badKvSnapshot, kvFromSections, kvSections } from './snapshot-kv.ts';
import type { KvSnapshotData } from './snapshot-kv.ts';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** When to take a snapshot: entries applied since the last one, or the WAL's size (0: never by that measure). */
export interface SnapshotSettings {
  readonly entries: number;
  readonly walBytes: number;
}

export const SNAPSHOT_DEFAULTS: SnapshotSettings = { entries: 10_000, walBytes: 32 * 1024 * 1024 };

/** Durable snapshots of one node. */
export class SnapshotStore {
  readonly dir: string;
  readonly settings: SnapshotSettings;
  private readonly fsync: boolean;
  private durable: number;
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, settings: SnapshotSettings, fsync: boolean, index: number) {
    this.dir = dir;
    this.settings = settings;
    this.fsync = fsync;
    this.durable = index;
  }

  /**
   * Opens the store in `dir`: removes a temp file a crash left, reads the snapshot (null: none).
   * Throws `SnapshotCorruptError` naming the file and the problem if it cannot be read as written.
   */
  static async open(dir: string, settings: SnapshotSettings, fsync = true): Promise<{ store: SnapshotStore; snapshot: RuntimeSnapshot | null; removedTemp: boolean }> {
    await mkdir(dir, { recursive: true });
    const removedTemp = await removeSnapshotTemp(dir);
    const c = await readSnapshotFile(dir);
    if (c === null) return { store: new SnapshotStore(dir, settings, fsync, 0), snapshot: null, removedTemp };
    const data = kvFromSections(c.sections);
    const bad = badKvSnapshot(data);
    if (bad !== null) throw new SnapshotCorruptError(join(dir, 'snapshot.snap'), bad);
    return { store: new SnapshotStore(dir, settings, fsync, c.index), snapshot: { index: c.index, id: c.id, data, ...(c.meta === undefined ? {} : { meta: c.meta }) }, removedTemp };
  }

  /** The last position the durable snapshot includes (0: none). */
  get index(): number {
    return this.durable;
  }

  /** Makes `snap` the durable snapshot unless a newer one already is; null if skipped. */
  write(snap: RuntimeSnapshot): Promise<SnapshotWritten | null> {
    const next = this.chain.then(async () => {
      if (snap.index <= this.durable) return null;
      const w = await writeSnapshotFile(this.dir, { index: snap.index, id: snap.id, ...(snap.meta === undefined ? {} : { meta: snap.meta }), sections: kvSections(snap.data as KvSnapshotData) }, this.fsync);
      this.durable = snap.index;
      return w;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
