// The snapshot file of one node (Raft §7): `<dataDir>/<id>/snapshot.snap`, the state machine's state
// after applying positions 1..index. Written atomically (temp file, fsync, rename, fsync the
// directory), so the name always holds a complete snapshot; a bad one is corruption, never repaired.
//
// Layout: the magic `CCSNAP1\n`, then records `[u32 length][u32 crc32(payload)][payload JSON]` (as the
// WAL's): a head `{ "head": { index, id, meta } }` (`meta`: the protocol's part, such as Raft's
// configuration; absent in files written before it existed), item records `{ "s": section, "items": [...] }` of at most
// ITEMS items each, and an end `{ "end": { records, items: { section: count } } }` counting them.
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { encodeRecord, syncDir } from './wal/wal.ts';

const MAGIC = Buffer.from('CCSNAP1\n', 'latin1');
const HEADER = 8;
/** A record holds items up to this many bytes of JSON (or one larger item): built and written between two turns of the event loop, so each turn is short. */
const RECORD_BYTES = 64 * 1024;
export const SNAPSHOT_FILE = 'snapshot.snap';
const TEMP = `${SNAPSHOT_FILE}.tmp`;

/** A snapshot file that cannot be read back as written. */
export class SnapshotCorruptError extends Error {
  override readonly name = 'SnapshotCorruptError';
  readonly file: string;
  constructor(file: string, message: string) {
    super(message);
    this.file = file;
  }
}

/**
 * What is safe after a corrupt snapshot: the WAL holds only the entries after it, so the node cannot
 * rebuild its state alone, and deleting files loses its vote or log.
 */
export const SNAPSHOT_CORRUPT_ADVICE =
  'the write-ahead log holds only the entries after the snapshot, so this node cannot rebuild its state alone: ' +
  'restore its data directory from a backup of this node, or investigate with the files kept as they are; do not delete them ' +
  '(without its WAL the node forgets its vote, which can lose acknowledged writes)';

/** What a snapshot file holds: the last position included, its entry id, the protocol's part, and named lists of items. */
export interface SnapshotContents {
  readonly index: number;
  readonly id: string | number;
  /** `RuntimeSnapshot.meta`: undefined in a file written before it existed. */
  readonly meta?: unknown;
  readonly sections: Readonly<Record<string, readonly unknown[]>>;
}

/** What the writer reports: bytes written and milliseconds spent. */
export interface SnapshotWritten {
  readonly bytes: number;
  readonly ms: number;
}

/**
 * Writes `c` as `dir/snapshot.snap` atomically: temp file, fsync, rename, fsync the directory. Each
 * record is written on its own turn of the event loop, so a large snapshot does not stall it.
 */
export async function writeSnapshotFile(dir: string, c: SnapshotContents, fsync = true): Promise<SnapshotWritten> {
  const t0 = performance.now();
  const tmp = join(dir, TEMP);
  const fh = await open(tmp, 'w', 0o644);
  let at = 0;
  let records = 0;
  const put = async (payload: unknown): Promise<void> => {
    const rec = records === 0 ? Buffer.concat([MAGIC, encodeRecord(payload)]) : typeof payload === 'string' ? textRecord(payload) : encodeRecord(payload);
    await fh.write(rec, 0, rec.length, at);
    at += rec.length;
    records += 1;
  };
  try {
    await put({ head: { index: c.index, id: c.id, ...(c.meta === undefined ? {} : { meta: c.meta }) } });
    const items: Record<string, number> = {};
    for (const [s, xs] of Object.entries(c.sections)) {
      items[s] = xs.length;
      for (const text of itemRecords(s, xs)) await put(text);
    }
    await put({ end: { records: records + 1, items } });
    if (fsync) await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, SNAPSHOT_FILE));
  if (fsync) await syncDir(dir);
  return { bytes: at, ms: performance.now() - t0 };
}

/** The item records of a section as JSON text, each of about RECORD_BYTES at most. */
function* itemRecords(s: string, xs: readonly unknown[]): Generator<string> {
  let parts: string[] = [];
  let bytes = 0;
  const flush = () => `{"s":${JSON.stringify(s)},"items":[${parts.join(',')}]}`;
  for (const x of xs) {
    const j = JSON.stringify(x) ?? 'null';
    if (parts.length > 0 && bytes + j.length > RECORD_BYTES) {
      yield flush();
      parts = [];
      bytes = 0;
    }
    parts.push(j);
    bytes += j.length + 1;
  }
  if (parts.length > 0) yield flush();
}

/** One record whose payload is JSON text already. */
function textRecord(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(HEADER);
  head.writeUInt32BE(body.length, 0);
  head.writeUInt32BE(crc32(body), 4);
  return Buffer.concat([head, body]);
}

/** Removes a temp file a crash left behind during a write; true if there was one. */
export async function removeSnapshotTemp(dir: string): Promise<boolean> {
  try {
    await unlink(join(dir, TEMP));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** Reads `dir/snapshot.snap`: null if there is none; a `SnapshotCorruptError` naming the problem if bad. */
export async function readSnapshotFile(dir: string): Promise<SnapshotContents | null> {
  const file = join(dir, SNAPSHOT_FILE);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SnapshotCorruptError(file, `cannot read it: ${(e as Error).message}`);
  }
  try {
    return parseSnapshot(buf);
  } catch (e) {
    throw new SnapshotCorruptError(file, (e as Error).message);
  }
}

/** Decodes a snapshot file's bytes; throws an Error naming the record and byte of the first problem. */
export function parseSnapshot(buf: Buffer): SnapshotContents {
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a snapshot file (bad magic)');
  const records: unknown[] = [];
  for (let at = MAGIC.length; at < buf.length; ) {
    const where = `record ${records.length + 1} at byte ${at}`;
    if (buf.length - at < HEADER) throw new Error(`${where}: partial record header (the file is cut short)`);
    const len = buf.readUInt32BE(at);
    if (buf.length - at - HEADER < len) throw new Error(`${where}: length ${len} runs past the end of the file (cut short)`);
    const body = buf.subarray(at + HEADER, at + HEADER + len);
    if (crc32(body) !== buf.readUInt32BE(at + 4)) throw new Error(`${where}: checksum mismatch`);
    try {
      records.push(JSON.parse(body.toString('utf8')));
    } catch {
      throw new Error(`${where}: undecodable payload`);
    }
    at += HEADER + len;
  }
  return contents(records);
}

/** The head, the items by section, checked against the end record's counts. */
function contents(records: readonly unknown[]): SnapshotContents {
  if (records.length === 0) throw new Error('no records after the magic (the file is cut short)');
  const head = (records[0] as { head?: { index?: unknown; id?: unknown; meta?: unknown } } | undefined)?.head;
  if (head === undefined || !Number.isSafeInteger(head.index) || (head.index as number) < 1) throw new Error('record 1 is not a snapshot head { index, id }');
  if (typeof head.id !== 'number' && typeof head.id !== 'string') throw new Error('record 1: the entry id is neither a number nor a string');
  const end = (records[records.length - 1] as { end?: { records?: unknown; items?: Record<string, unknown> } } | undefined)?.end;
  if (records.length < 2 || end === undefined) throw new Error(`no end record after ${records.length} records (the file is cut short)`);
  if (end.records !== records.length) throw new Error(`the end record counts ${String(end.records)} records, the file has ${records.length}`);
  const sections: Record<string, unknown[]> = {};
  for (let k = 1; k < records.length - 1; k += 1) {
    const r = records[k] as { s?: unknown; items?: unknown };
    if (typeof r.s !== 'string' || !Array.isArray(r.items)) throw new Error(`record ${k + 1} is not an item record`);
    (sections[r.s] ??= []).push(...(r.items as unknown[]));
  }
  const counted = end.items ?? {};
  for (const s of Object.keys(sections)) if (!(s in counted)) throw new Error(`section ${s} is not counted by the end record`);
  for (const [s, n] of Object.entries(counted)) {
    if ((sections[s]?.length ?? 0) !== n) throw new Error(`section ${s}: the end record counts ${String(n)} items, the file has ${sections[s]?.length ?? 0}`);
  }
  return { index: head.index as number, id: head.id, ...(head.meta === undefined ? {} : { meta: head.meta }), sections };
}
