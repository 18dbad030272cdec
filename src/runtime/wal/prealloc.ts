// Preallocation of a version-2 WAL file: the file is zero-filled (and synced) ahead of the appends, so
// that an append overwrites blocks that already exist instead of growing the file (growing it costs a
// metadata journal commit per write on ext4; etcd preallocates its segments for the same reason).
import type { FileHandle } from 'node:fs/promises';

/** Zeros are written in pieces of this size, so an append that outruns the filling waits for one piece at most. */
const PIECE = 1024 * 1024;
const ZEROS = Buffer.alloc(PIECE);

/** Writes zeros over `[from, to)` of `fh` (through the thread pool), then syncs when `sync` is set. */
export async function zeroFill(fh: FileHandle, from: number, to: number, sync: boolean): Promise<void> {
  for (let at = from; at < to; at += PIECE) {
    const n = Math.min(PIECE, to - at);
    await fh.write(ZEROS, 0, n, at);
  }
  if (sync) await fh.datasync();
}

/** The filled part of one open WAL file, extended in the background as appends come near its end. */
export class Prealloc {
  /** `[0, filled)` exists in the file and its length is durable: appends inside it change no metadata. */
  private filled: number;
  /** The zero piece being written now: an append overlapping it waits (the piece would overwrite it). */
  private piece: { readonly from: number; readonly to: number; readonly done: Promise<unknown> } | null = null;
  private running: Promise<void> | null = null;
  private failed: Error | null = null;

  private readonly fh: FileHandle;
  private readonly chunk: number;
  private readonly sync: boolean;

  constructor(fh: FileHandle, filled: number, chunk: number, sync: boolean) {
    this.fh = fh;
    this.filled = filled;
    this.chunk = chunk;
    this.sync = sync;
  }

  /** Before writing `[at, end)`: null when no zero piece in flight overlaps it, else a wait for that. */
  clear(at: number, end: number): Promise<void> | null {
    const p = this.piece;
    if (p === null || p.from >= end || at >= p.to) return null;
    return p.done.then(
      () => this.clear(at, end) ?? undefined,
      () => this.clear(at, end) ?? undefined,
    );
  }

  /** After an append that ended at `end`: starts filling the next chunk once less than half a chunk is left. */
  after(end: number, logicalEnd: () => number): void {
    if (this.running !== null || this.failed !== null || this.filled - end >= this.chunk / 2) return;
    this.running = this.extend(logicalEnd)
      .catch((e: unknown) => {
        // Appends then grow the file: correct, only slower.
        this.failed = e as Error;
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves when no filling runs (before the file is closed or replaced). */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** Zero-fills up to a chunk past the logical end, never below it (appends may have grown the file). */
  private async extend(logicalEnd: () => number): Promise<void> {
    const target = Math.max(this.filled, logicalEnd()) + this.chunk;
    for (let at = this.filled; ; ) {
      at = Math.max(at, logicalEnd());
      if (at >= target) break;
      const to = Math.min(target, at + PIECE);
      const done = this.fh.write(ZEROS, 0, to - at, at);
      this.piece = { from: at, to, done };
      try {
        await done;
      } finally {
        this.piece = null;
      }
      at = to;
    }
    if (this.sync) await this.fh.datasync();
    this.filled = Math.max(target, logicalEnd());
  }
}
