// The snapshot file format (src/runtime/snapshot-file.ts): round trip across several records,
// atomic replacement, and every kind of damage refused with the file, record and byte named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSnapshot, readSnapshotFile, removeSnapshotTemp, SnapshotCorruptError, SNAPSHOT_FILE, writeSnapshotFile } from '../../../src/runtime/snapshot-file.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snap-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// 3 MB of values: the items span several records of at most about 1 MiB each.
const big = Array.from({ length: 300 }, (_, k) => [`k${k}`, 'x'.repeat(10_000) + k] as const);
const sessions = [['c1', { seq: 3, digest: 'd', result: { ok: true } }]] as const;
const contents = { index: 42, id: 7, sections: { kv: big, sessions } };

/** Byte offsets of the records after the 8-byte magic. */
function recordOffsets(buf: Buffer): number[] {
  const at: number[] = [];
  for (let k = 8; k < buf.length; k += 8 + buf.readUInt32BE(k)) at.push(k);
  return at;
}

describe('snapshot file', () => {
  it('round-trips index, entry id and sections across several records', async () => {
    const w = await writeSnapshotFile(dir, contents);
    const buf = await readFile(join(dir, SNAPSHOT_FILE));
    expect(w.bytes).toBe(buf.length);
    expect(recordOffsets(buf).length).toBeGreaterThanOrEqual(5); // head, >= 3 kv records, sessions, end
    expect(await readSnapshotFile(dir)).toEqual({ index: 42, id: 7, sections: { kv: big.map((x) => [...x]), sessions: sessions.map((x) => [...x]) } });
  });

  it('empty sections and a string entry id survive', async () => {
    await writeSnapshotFile(dir, { index: 1, id: 'b3', sections: { kv: [], sessions: [] } });
    expect(await readSnapshotFile(dir)).toEqual({ index: 1, id: 'b3', sections: {} });
  });

  it('no file: null; the write leaves no temp file and replaces the previous snapshot whole', async () => {
    expect(await readSnapshotFile(dir)).toBeNull();
    await writeSnapshotFile(dir, contents);
    await writeSnapshotFile(dir, { index: 50, id: 8, sections: { kv: [['a', 1]], sessions: [] } });
    expect(await readdir(dir)).toEqual([SNAPSHOT_FILE]);
    expect((await readSnapshotFile(dir))?.index).toBe(50);
  });

  it('a temp file left by a crash mid-write is removed; the previous snapshot is intact', async () => {
    await writeSnapshotFile(dir, contents);
    await writeFile(join(dir, `${SNAPSHOT_FILE}.tmp`), Buffer.from('CCSNAP1\n\0\0\0'));
    expect(await removeSnapshotTemp(dir)).toBe(true);
    expect(await removeSnapshotTemp(dir)).toBe(false);
    expect((await readSnapshotFile(dir))?.index).toBe(42);
  });

  it('a flipped byte in a middle record: checksum mismatch naming the file, record and byte', async () => {
    await writeSnapshotFile(dir, contents);
    const file = join(dir, SNAPSHOT_FILE);
    const buf = await readFile(file);
    const at = recordOffsets(buf)[2] as number;
    buf[at + 100] = (buf[at + 100] as number) ^ 1;
    await writeFile(file, buf);
    const e = await readSnapshotFile(dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SnapshotCorruptError);
    expect((e as SnapshotCorruptError).file).toBe(file);
    expect((e as Error).message).toBe(`record 3 at byte ${at}: checksum mismatch`);
  });

  it('cut short anywhere: refused (a snapshot is renamed into place only once complete)', async () => {
    await writeSnapshotFile(dir, contents);
    const buf = await readFile(join(dir, SNAPSHOT_FILE));
    const offsets = recordOffsets(buf);
    const last = offsets[offsets.length - 1] as number;
    for (const cut of [4, 8, 12, offsets[1] as number, (offsets[2] as number) + 5000, last, buf.length - 1]) {
      expect(() => parseSnapshot(buf.subarray(0, cut)), `cut at ${cut}`).toThrow(/bad magic|cut short|no end record|partial record header/);
    }
  });

  it('not a snapshot, or records that do not add up: refused', async () => {
    expect(() => parseSnapshot(Buffer.from('CCWAL01\nxxxxxxxx'))).toThrow('not a snapshot file (bad magic)');
    await writeSnapshotFile(dir, contents);
    const buf = await readFile(join(dir, SNAPSHOT_FILE));
    const offsets = recordOffsets(buf);
    // A whole item record removed: every checksum holds, the end record's counts do not.
    const cut = Buffer.concat([buf.subarray(0, offsets[1] as number), buf.subarray(offsets[2] as number)]);
    expect(() => parseSnapshot(cut)).toThrow(/the end record counts \d+ records, the file has \d+/);
  });
});
