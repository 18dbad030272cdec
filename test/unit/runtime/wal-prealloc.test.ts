// The version-2 WAL layout: records, then zeros to the end of a preallocated file. Zeros from a record
// boundary to the end are the clean end; a torn last record inside the zeros is cut and reported; a
// crash while a chunk is being filled leaves a file that replays to every record written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wal, encodeRecord, replay } from '../../../src/runtime/wal/wal.ts';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'walpre-'));
  file = join(dir, 'wal.log');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CHUNK = 8192;
const value = (n: number, pad = 40) => ({ currentTerm: 1, votedFor: 's1', log: Array.from({ length: n }, (_, k) => ({ term: 1, value: `v${k}`.padEnd(pad, '.') })) });
const zerosAfter = (buf: Buffer, at: number): boolean => buf.subarray(at).every((x) => x === 0);

async function writeValues(values: unknown[], preallocBytes = CHUNK): Promise<Wal> {
  const { wal } = await Wal.open(dir, { preallocBytes });
  for (const v of values) await wal.write(v);
  return wal;
}

describe('WAL version 2 (preallocated)', () => {
  it('creates a zero-filled file and reads its zero tail as the clean end, with no truncation report', async () => {
    const wal = await writeValues([value(1), value(2), value(3)]);
    const logical = wal.bytes;
    await wal.close();
    const buf = await readFile(file);
    expect(buf.subarray(0, 8).toString('latin1')).toBe('CCWAL02\n');
    expect(buf.length).toBeGreaterThanOrEqual(8 + CHUNK);
    expect(zerosAfter(buf, logical)).toBe(true);
    expect(replay(buf)).toMatchObject({ end: logical, records: 3, truncated: null, version: 2 });
    const { wal: again, recovery } = await Wal.open(dir, { preallocBytes: CHUNK });
    expect(recovery).toEqual({ value: value(3), records: 3, truncated: null });
    expect(again.bytes).toBe(logical);
    await again.close();
  });

  it('cuts and reports a torn last record inside the preallocated zeros (every sector boundary in it)', async () => {
    const wal = await writeValues([value(1)]);
    const good = wal.bytes;
    await wal.write({ ...value(1), log: [...value(1).log, { term: 1, value: 'x'.repeat(3000) }] });
    const end = wal.bytes;
    await wal.close();
    const full = await readFile(file);
    let boundaries = 0;
    for (let b = Math.ceil((good + 8) / 512) * 512; b < end; b += 512) {
      const torn = Buffer.from(full);
      torn.fill(0, b, end); // the sectors the crash never wrote keep their zeros
      await writeFile(file, torn);
      const { wal: w, recovery } = await Wal.open(dir, { preallocBytes: CHUNK });
      expect(recovery.value).toEqual(value(1));
      expect(recovery.truncated?.reason).toMatch(/^record 2 at byte \d+: checksum mismatch with a zeroed sector$/);
      expect(w.bytes).toBe(good);
      await w.close();
      const after = await readFile(file);
      expect(replay(after)).toMatchObject({ end: good, records: 1, truncated: null });
      expect(zerosAfter(after, good)).toBe(true);
      boundaries += 1;
    }
    expect(boundaries).toBeGreaterThanOrEqual(5);
  });

  it('refuses a flipped byte in the last full record inside the preallocated file', async () => {
    const wal = await writeValues([value(1), value(2)]);
    const end = wal.bytes;
    await wal.close();
    const buf = await readFile(file);
    buf.writeUInt8(buf.readUInt8(end - 3) ^ 0x10, end - 3);
    expect(() => replay(buf)).toThrow(/^record 2 at byte \d+ \(the last\): checksum mismatch in a full-length record with no zeroed sector: corrupt, not a torn write$/);
  });

  it('refuses bytes after the zeros that follow the last record: only zeros may end a version-2 file', async () => {
    const wal = await writeValues([value(1)]);
    const end = wal.bytes;
    await wal.close();
    const buf = await readFile(file);
    buf.writeUInt8(7, end + 2000);
    expect(() => replay(buf)).toThrow(/^record 2 at byte \d+ \(the last\): undecodable payload: corrupt/);
  });

  it('extends the file in the background as appends come near its end, and keeps every append', async () => {
    const wal = await writeValues([]);
    const entries = Array.from({ length: 150 }, (_, k) => ({ term: 1, value: `e${k}`.padEnd(60 + (k % 7) * 50, '.') }));
    const values = entries.map((_, k) => ({ currentTerm: 1, votedFor: 's1', log: entries.slice(0, k + 1) }));
    for (const v of values) {
      await wal.write(v);
      await new Promise((r) => setImmediate(r)); // the node loop turns between rounds: the filling progresses
    }
    const logical = wal.bytes;
    await wal.close();
    const buf = await readFile(file);
    expect(logical).toBeGreaterThan(3 * CHUNK);
    expect(buf.length).toBeGreaterThanOrEqual(logical);
    expect(zerosAfter(buf, logical)).toBe(true);
    expect(replay(buf)).toMatchObject({ value: values.at(-1), records: 150, truncated: null, end: logical });
  });

  it('an append larger than what is left simply grows the file', async () => {
    const wal = await writeValues([value(1)]);
    const big = { ...value(1), log: [{ term: 1, value: 'y'.repeat(5 * CHUNK) }] };
    await wal.write(big);
    await wal.write({ ...big, currentTerm: 2 });
    const logical = wal.bytes;
    await wal.close();
    expect(replay(await readFile(file))).toMatchObject({ value: { ...big, currentTerm: 2 }, records: 3, truncated: null, end: logical });
  });

  it('replays a crash while a chunk was being filled: zeros half written, or the size grown but never written', async () => {
    const wal = await writeValues([value(1), value(2)]);
    const logical = wal.bytes;
    await wal.close();
    // Half written: the file ends inside the zeros of the chunk being filled.
    await truncate(file, logical + 100);
    const a = await Wal.open(dir, { preallocBytes: CHUNK });
    expect(a.recovery).toEqual({ value: value(2), records: 2, truncated: null });
    await a.wal.write(value(3));
    await a.wal.close();
    expect(replay(await readFile(file))).toMatchObject({ value: value(3), records: 3, truncated: null });
    // Size grown, data never written: the new length reads as zeros (a hole).
    const end3 = replay(await readFile(file)).end;
    await truncate(file, end3);
    await truncate(file, end3 + 5 * CHUNK);
    const b = await Wal.open(dir, { preallocBytes: CHUNK });
    expect(b.recovery).toEqual({ value: value(3), records: 3, truncated: null });
    await b.wal.write(value(4));
    await b.wal.close();
    expect(replay(await readFile(file))).toMatchObject({ value: value(4), records: 4, truncated: null });
  });

  it('reads a version-1 file as before and keeps appending to it unpreallocated, until compaction writes version 2', async () => {
    await writeFile(file, Buffer.concat([Buffer.from('CCWAL01\n', 'latin1'), encodeRecord({ f: value(1) }), encodeRecord({ f: value(2) })]));
    const { wal, recovery } = await Wal.open(dir, { preallocBytes: CHUNK, compactBytes: 1 << 20 });
    expect(recovery).toEqual({ value: value(2), records: 2, truncated: null });
    await wal.write(value(3));
    expect((await stat(file)).size).toBe(wal.bytes);
    expect(replay(await readFile(file))).toMatchObject({ value: value(3), records: 3, truncated: null, version: 1 });
    await wal.compact();
    await wal.write(value(4));
    const logical = wal.bytes;
    await wal.close();
    const buf = await readFile(file);
    expect(buf.length).toBeGreaterThanOrEqual(8 + CHUNK);
    expect(replay(buf)).toMatchObject({ value: value(4), records: 2, truncated: null, end: logical, version: 2 });
  });

  it('a rewrite after a snapshot produces a preallocated version-2 file', async () => {
    const wal = await writeValues([value(1), value(2), value(3)]);
    await wal.rewrite();
    await wal.write(value(4));
    const logical = wal.bytes;
    await wal.close();
    const buf = await readFile(file);
    expect(buf.length).toBeGreaterThanOrEqual(8 + CHUNK);
    expect(zerosAfter(buf, logical)).toBe(true);
    expect(replay(buf)).toMatchObject({ value: value(4), records: 2, truncated: null, end: logical, version: 2 });
  });
});
