// The write-ahead log of one node: the durable part of its state (what `NodeProtocol.durable`
// returns: term, vote, log), as a sequence of checksummed records, fsync'd before the runtime lets
// any message or reply that depends on it leave.
//
// File layout: an 8-byte magic, then records `[u32 length][u32 crc32(payload)][payload]` (big endian),
// the payload a JSON `{ f: full }` or `{ p: PatchOp[] }`; in version 2 (`CCWAL02`) zeros follow the
// records to the end of the preallocated file. Each group commit is one record, so a crash tears at
// most the last record. etcd's rule decides what a bad record is: a last record that is
// short, or has a 512-byte sector of zeros, is a torn write (reported and truncated); any other
// checksum failure is corruption, an error, never silently dropped.
import { open, rename, mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { renameSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { constants, writevSync } from 'node:fs';
import { jsonPieces, piecesLength } from '../json-pieces.ts';
import { diff, patchInPlace, same } from './diff.ts';
import { Prealloc, zeroFill } from './prealloc.ts';
import type { PatchOp } from './diff.ts';

/** Version 1: the file ends with the last record. */
const MAGIC_V1 = Buffer.from('CCWAL01\n', 'latin1');
/** Version 2: the records, then zeros to the end of the (preallocated) file. */
const MAGIC = Buffer.from('CCWAL02\n', 'latin1');
const HEADER = 8;
/** etcd's minimum sector size: a torn write leaves whole sectors unwritten (zeros). */
const SECTOR = 512;
/** Records larger than this are not believed when reading (a garbage length field). */
const MAX_RECORD = 256 * 1024 * 1024;

/** A corrupt WAL that cannot be repaired without losing acknowledged data. */
export class WalCorruptError extends Error {
  override readonly name = 'WalCorruptError';
  /** The WAL file, when known. */
  file: string | null = null;
}

/**
 * What is safe after a corrupt WAL. Never wiping: a node that restarts empty has forgotten its vote
 * and its log, and can help a majority elect a leader that lacks an acknowledged write.
 */
export const WAL_CORRUPT_ADVICE =
  "this node's vote and log are required: restore its data directory from a backup of this node, or " +
  'investigate with the file kept as it is; do not delete it (a node that restarts empty forgets its ' +
  'vote and log, which can lose acknowledged writes); without a backup, while the other members still form ' +
  "a quorum, remove this node and add it back as a learner ('cluster remove <id>', then 'cluster add <id>', " +
  'which keeps the old data directory beside a fresh one)';

/** What reading a WAL found. */
export interface WalRecovery {
  /** The durable value, or null for a new WAL. */
  readonly value: unknown;
  readonly records: number;
  /** Set when a torn or corrupt tail was cut off: why, and how many bytes. */
  readonly truncated: { readonly reason: string; readonly bytes: number } | null;
}

/** Encodes one record (length, checksum, payload) in pieces, to be written with one `writev`. */
export function encodeRecordPieces(payload: unknown): Buffer[] {
  const body = jsonPieces(payload);
  let sum = 0;
  for (const b of body) sum = crc32(b, sum);
  const head = Buffer.alloc(HEADER);
  head.writeUInt32BE(piecesLength(body), 0);
  head.writeUInt32BE(sum, 4);
  return [head, ...body];
}

/** Encodes one record (length, checksum, payload). */
export function encodeRecord(payload: unknown): Buffer {
  return Buffer.concat(encodeRecordPieces(payload));
}

type Scan =
  | { readonly ok: true; readonly payload: unknown; readonly end: number }
  /** `short`: the record runs past the end of the file; `sum`: full length, checksum fails. */
  | { readonly ok: false; readonly kind: 'short' | 'sum' | 'bad'; readonly reason: string };

function scanRecord(buf: Buffer, at: number): Scan {
  if (buf.length - at < HEADER) return { ok: false, kind: 'short', reason: 'partial record header' };
  const len = buf.readUInt32BE(at);
  const sum = buf.readUInt32BE(at + 4);
  if (buf.length - at - HEADER < len) return { ok: false, kind: 'short', reason: 'cut short' };
  if (len > MAX_RECORD) return { ok: false, kind: 'bad', reason: `implausible record length ${len}` };
  const body = buf.subarray(at + HEADER, at + HEADER + len);
  if (crc32(body) !== sum) return { ok: false, kind: 'sum', reason: 'checksum mismatch' };
  if (len === 0) return { ok: false, kind: 'bad', reason: 'undecodable payload' };
  try {
    return { ok: true, payload: JSON.parse(body.toString('utf8')), end: at + HEADER + len };
  } catch {
    return { ok: false, kind: 'bad', reason: 'undecodable payload' };
  }
}

/**
 * etcd's torn-write test: the payload, split at 512-byte sector boundaries of the file, has a chunk
 * that is all zeros (a sector the crash never wrote).
 */
export function hasZeroSector(buf: Buffer, from: number, to: number): boolean {
  for (let a = from; a < to; ) {
    const b = Math.min(to, (Math.floor(a / SECTOR) + 1) * SECTOR);
    let zero = true;
    for (let k = a; k < b && zero; k += 1) if (buf[k] !== 0) zero = false;
    if (zero) return true;
    a = b;
  }
  return false;
}

/** Where the trailing zeros of `buf` begin (no record, which has a non-zero length, starts there). */
const ZERO_BLOCK = Buffer.alloc(64 * 1024);
function zerosFrom(buf: Buffer): number {
  let end = buf.length;
  while (end >= ZERO_BLOCK.length && buf.subarray(end - ZERO_BLOCK.length, end).equals(ZERO_BLOCK)) end -= ZERO_BLOCK.length;
  while (end > 0 && buf[end - 1] === 0) end -= 1;
  return end;
}

/** Whether some complete, valid record starts in `buf` after `from`, before `dataEnd` (corruption detection). */
function validRecordAfter(buf: Buffer, from: number, dataEnd: number): number | null {
  for (let at = from; at < dataEnd && at + HEADER <= buf.length; at += 1) {
    const len = buf.readUInt32BE(at);
    if (len === 0 || at + HEADER + len > buf.length) continue; // never a complete, valid record
    const r = scanRecord(buf, at);
    if (r.ok && isRecord(r.payload)) return at;
  }
  return null;
}

function isRecord(x: unknown): x is { f: unknown } | { p: PatchOp[] } {
  return typeof x === 'object' && x !== null && ('f' in x || ('p' in x && Array.isArray(x.p)));
}

/**
 * Decides what a bad record `n` at byte `at` is (etcd's rule): a torn tail if it is the last record
 * and it is short or has a zeroed sector; anything else is corruption (`WalCorruptError`).
 */
function badRecord(buf: Buffer, at: number, n: number, r: Scan & { ok: false }, dataEnd: number): { reason: string; bytes: number } {
  const where = `record ${n} at byte ${at}`;
  const later = validRecordAfter(buf, at + 1, dataEnd);
  if (later !== null) {
    throw new WalCorruptError(`${where}: ${r.reason}, but a valid record follows at byte ${later}: corrupt in the middle`);
  }
  if (r.kind === 'short') return { reason: `${where} ${r.reason}`, bytes: buf.length - at };
  // A file extended by the crash but never written reads as zeros (etcd: a zero length ends the log).
  if (at >= dataEnd) return { reason: `${where}: zeros to the end of the file`, bytes: buf.length - at };
  if (r.kind === 'sum' && hasZeroSector(buf, at + HEADER, at + HEADER + buf.readUInt32BE(at))) {
    return { reason: `${where}: checksum mismatch with a zeroed sector`, bytes: buf.length - at };
  }
  const what = r.kind === 'sum' ? 'checksum mismatch in a full-length record with no zeroed sector' : r.reason;
  throw new WalCorruptError(`${where} (the last): ${what}: corrupt, not a torn write`);
}

/** The file's layout version from its magic; null for a partial header (a crash while creating it). */
function version(buf: Buffer): 1 | 2 | null {
  const head = buf.subarray(0, MAGIC.length);
  if (head.equals(MAGIC)) return 2;
  if (head.equals(MAGIC_V1)) return 1;
  if (buf.length < MAGIC.length && (MAGIC.subarray(0, buf.length).equals(buf) || MAGIC_V1.subarray(0, buf.length).equals(buf))) return null;
  throw new WalCorruptError('not a WAL file (bad magic)');
}

/**
 * Reads a WAL image: replays its records; a short or sector-zeroed last record is a torn tail (cut at
 * `end`), any other bad record a `WalCorruptError`. In version 2, zeros from a record boundary to
 * the end of the file are the clean end.
 */
export function replay(buf: Buffer): WalRecovery & { readonly end: number; readonly version: 1 | 2 } {
  if (buf.length === 0) return { value: null, records: 0, truncated: null, end: 0, version: 2 };
  const v = version(buf);
  if (v === null) return { value: null, records: 0, truncated: { reason: 'partial file header', bytes: buf.length }, end: 0, version: 2 };
  const dataEnd = zerosFrom(buf);
  let at = MAGIC.length;
  let value: unknown = null;
  let records = 0;
  while (at < buf.length && !(v === 2 && at >= dataEnd)) {
    const r = scanRecord(buf, at);
    if (!r.ok || !isRecord(r.payload)) {
      const bad: Scan & { ok: false } = r.ok ? { ok: false, kind: 'bad', reason: 'not a WAL entry' } : r;
      const truncated = badRecord(buf, at, records + 1, bad, dataEnd);
      return { value, records, truncated, end: at, version: v };
    }
    value = 'f' in r.payload ? r.payload.f : patchInPlace(value, r.payload.p);
    records += 1;
    at = r.end;
  }
  return { value, records, truncated: null, end: at, version: v };
}

/** Options of a WAL. */
export interface WalOptions {
  /** fsync after each append (default true; off only for tests that measure without disks). */
  readonly fsync?: boolean;
  /** Rewrite the WAL as one full record when it grows beyond this many bytes (default 64 MiB). */
  readonly compactBytes?: number;
  /** Zero-fill a new (version 2) file this far ahead of the appends, a chunk at a time (default 16 MiB). */
  readonly preallocBytes?: number;
}

/** An open write-ahead log in `dir` (file `wal.log`). */
export class Wal {
  private last: unknown;
  private size: number;
  private readonly dir: string;
  private fh: FileHandle;
  private readonly opts: Required<WalOptions>;
  /** During a background rewrite: the records appended since it began, to be copied to the new file. */
  private since: Buffer[][] | null = null;
  /** After the rename, until the directory is fsync'd: the old file, which gets every append too. */
  private shadow: { fd: number; size: number } | null = null;
  private rewriting: Promise<void> | null = null;
  /** The current file's preallocation; null for a version-1 file (appended to as before until rewritten). */
  private pre: Prealloc | null;
  private constructor(dir: string, fh: FileHandle, value: unknown, size: number, opts: Required<WalOptions>, filled: number | null) {
    this.dir = dir;
    this.fh = fh;
    this.opts = opts;
    this.last = value;
    this.size = size;
    this.pre = filled === null ? null : this.preallocOf(fh, filled);
  }

  private preallocOf(fh: FileHandle, filled: number): Prealloc {
    return new Prealloc(fh, filled, this.opts.preallocBytes, this.opts.fsync);
  }

  /** Opens (creating) the WAL in `dir`, truncating a torn tail; throws `WalCorruptError` on corruption. */
  static async open(dir: string, options: WalOptions = {}): Promise<{ wal: Wal; recovery: WalRecovery }> {
    const opts = { fsync: options.fsync ?? true, compactBytes: options.compactBytes ?? 64 * 1024 * 1024, preallocBytes: options.preallocBytes ?? 16 * 1024 * 1024 };
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'wal.log');
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      buf = Buffer.alloc(0);
    }
    let r;
    try {
      r = replay(buf);
    } catch (e) {
      if (e instanceof WalCorruptError) e.file = file;
      throw e;
    }
    // With fsync on, O_DSYNC makes each append durable when write returns: one system call per
    // group commit instead of write + fdatasync (two trips through libuv's thread pool).
    const flags = (buf.length === 0 ? constants.O_CREAT | constants.O_TRUNC : 0) | constants.O_RDWR | (opts.fsync ? constants.O_DSYNC : 0);
    const fh = await open(file, flags, 0o644);
    const { end, filled } = await prepare(fh, dir, r, buf.length, opts);
    const wal = new Wal(dir, fh, r.value, end, opts, filled);
    return { wal, recovery: { value: r.value, records: r.records, truncated: r.truncated } };
  }

  /** The logical size in bytes, up to the end of the last record (the snapshot policy reads it). */
  get bytes(): number {
    return this.size;
  }

  /** The last value written or recovered. */
  get value(): unknown {
    return this.last;
  }

  /**
   * Makes `value` durable: appends the difference to the last value and fsyncs. Returns false (and
   * writes nothing) when nothing changed.
   */
  async write(value: unknown): Promise<boolean> {
    if (this.last === value) return false;
    const ops = this.last === null ? null : diff(this.last, value);
    if (ops !== null && ops.length === 0) {
      this.last = value;
      return false;
    }
    if (this.size > this.opts.compactBytes && this.rewriting === null) {
      await this.compact(value);
      return true;
    }
    const rec = encodeRecordPieces(ops === null ? { f: value } : { p: ops });
    const bytes = piecesLength(rec);
    // Synchronous on purpose: nothing may leave the node until this append is durable anyway, and a
    // trip through libuv's thread pool (wake a worker, then the event loop) costs more than the event
    // loop loses; inputs arriving meanwhile wait in socket buffers and join the next group commit.
    // Measured: 1 client 1.45 ms p50 instead of 2.2 ms, 64 clients no worse.
    const overlap = this.pre?.clear(this.size, this.size + bytes);
    if (overlap) await overlap; // an append that outran the filling, onto the piece being written
    writeAll(this.fh.fd, rec, this.size);
    this.size += bytes;
    if (this.since === null) this.pre?.after(this.size, () => this.size);
    if (this.shadow !== null) {
      writeAll(this.shadow.fd, rec, this.shadow.size);
      this.shadow.size += bytes;
    }
    this.since?.push(rec);
    this.last = value;
    return true;
  }

  /**
   * Rewrites the WAL as one full record without holding up appends (after a snapshot took its
   * prefix): the new file is written and caught up through the thread pool, renamed over the old one
   * between two appends, and until the directory is fsync'd every append goes to both files, so a
   * crash finds a complete WAL under either name.
   */
  rewrite(): Promise<void> {
    this.rewriting ??= this.rewriteNow().finally(() => {
      this.rewriting = null;
    });
    return this.rewriting;
  }

  private async rewriteNow(): Promise<void> {
    const tmp = join(this.dir, 'wal.log.tmp');
    const since: Buffer[][] = [];
    this.since = since;
    const t = await open(tmp, constants.O_CREAT | constants.O_TRUNC | constants.O_RDWR | (this.opts.fsync ? constants.O_DSYNC : 0), 0o644);
    try {
      const head = Buffer.concat([MAGIC, encodeRecord({ f: this.last })]);
      since.length = 0; // `last` now includes them
      let at = head.length;
      await t.write(head, 0, head.length, 0);
      await zeroFill(t, at, at + this.opts.preallocBytes, this.opts.fsync);
      // No filling of the old file may run once the new one takes over (the old one then only gets the shadow appends).
      await this.pre?.idle();
      while (since.length > 0) {
        const b = Buffer.concat(since.splice(0).flat());
        await t.write(b, 0, b.length, at);
        at += b.length;
      }
      // Nothing was appended since the last check (no await in between): swap now.
      renameSync(tmp, join(this.dir, 'wal.log'));
      this.since = null;
      this.shadow = { fd: this.fh.fd, size: this.size };
      const old = this.fh;
      this.fh = t;
      this.pre = this.preallocOf(t, Math.max(at, head.length + this.opts.preallocBytes));
      this.size = at;
      await syncDir(this.dir);
      this.shadow = null;
      await old.close();
    } catch (e) {
      if (this.since === since) {
        this.since = null;
        await t.close();
      }
      throw e;
    }
  }

  /** Rewrites the WAL as a single full record (atomically: temp file, fsync, rename, fsync dir). */
  async compact(value: unknown = this.last): Promise<void> {
    const tmp = join(this.dir, 'wal.log.tmp');
    const rec = Buffer.concat([MAGIC, encodeRecord({ f: value })]);
    const t = await open(tmp, 'w');
    await t.write(rec, 0, rec.length, 0);
    await zeroFill(t, rec.length, rec.length + this.opts.preallocBytes, false);
    await t.sync();
    await t.close();
    await rename(tmp, join(this.dir, 'wal.log'));
    await syncDir(this.dir);
    await this.pre?.idle();
    await this.fh.close();
    this.fh = await open(join(this.dir, 'wal.log'), constants.O_RDWR | (this.opts.fsync ? constants.O_DSYNC : 0));
    this.pre = this.preallocOf(this.fh, rec.length + this.opts.preallocBytes);
    this.size = rec.length;
    this.last = value;
  }

  async close(): Promise<void> {
    await this.rewriting?.catch(() => undefined);
    await this.pre?.idle();
    await this.fh.close();
  }
}

/**
 * Readies an opened WAL file for appends: a new (or headerless) file gets the version-2 magic, a torn
 * tail is cut, and a version-2 file is zero-filled a chunk past its last record, all durable before
 * the first append. Returns the logical end and the filled length (null: version 1, not preallocated).
 */
async function prepare(
  fh: FileHandle,
  dir: string,
  r: ReturnType<typeof replay>,
  length: number,
  opts: Required<WalOptions>,
): Promise<{ end: number; filled: number | null }> {
  if (r.end === 0) {
    await fh.truncate(0);
    await fh.write(MAGIC, 0, MAGIC.length, 0);
    await zeroFill(fh, MAGIC.length, MAGIC.length + opts.preallocBytes, false);
    await fh.sync();
    await syncDir(dir);
    return { end: MAGIC.length, filled: MAGIC.length + opts.preallocBytes };
  }
  if (r.truncated) await fh.truncate(r.end);
  if (r.version === 1) {
    if (r.truncated) await fh.sync();
    return { end: r.end, filled: null };
  }
  const filled = r.truncated ? r.end : length;
  if (filled - r.end < opts.preallocBytes / 2) {
    await zeroFill(fh, filled, r.end + opts.preallocBytes, false);
    return await synced(fh, r.end, r.end + opts.preallocBytes);
  }
  // The length may come from a filling that a crash interrupted before its sync.
  return await synced(fh, r.end, filled);
}

async function synced(fh: FileHandle, end: number, filled: number): Promise<{ end: number; filled: number }> {
  await fh.sync();
  return { end, filled };
}

/** Writes all pieces at `position` (writev may write less than asked: the rest follows). */
function writeAll(fd: number, pieces: readonly Buffer[], position: number): void {
  let rest = pieces.filter((b) => b.length > 0);
  let at = position;
  while (rest.length > 0) {
    let n = writevSync(fd, rest.slice(0, 1024), at);
    at += n;
    const next: Buffer[] = [];
    for (const b of rest) {
      if (n >= b.length) n -= b.length;
      else {
        next.push(n > 0 ? b.subarray(n) : b);
        n = 0;
      }
    }
    rest = next;
  }
}

/** fsyncs a directory, so that a rename or a new file in it is durable. */
export async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

/** Whether `dir` exists and is a writable directory, or can be created; returns the reason if not. */
export async function checkDataDir(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    const s = await stat(dir);
    if (!s.isDirectory()) return `data dir ${dir} is not a directory`;
    const probe = join(dir, '.probe');
    const fh = await open(probe, 'w');
    await fh.close();
    await unlink(probe);
    return null;
  } catch (e) {
    return `data dir ${dir} is not usable: ${(e as Error).message}`;
  }
}

export { same };
