import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wal, WalCorruptError, encodeRecord, replay } from '../../../src/runtime/wal/wal.ts';
import { diff, patch } from '../../../src/runtime/wal/diff.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type D = { currentTerm: number; votedFor: string | null; log: { term: number; value: unknown }[] };
const d0: D = { currentTerm: 0, votedFor: null, log: [] };

/** The end of the last record: a version-2 file is preallocated, zeros follow it to the end of the file. */
const endOf = (buf: Buffer): number => replay(buf).end;
const zerosAfter = (buf: Buffer, at: number): boolean => buf.subarray(at).every((x) => x === 0);

async function writeAll(values: D[]): Promise<void> {
  const { wal } = await Wal.open(dir);
  for (const v of values) await wal.write(v);
  await wal.close();
}

describe('diff/patch', () => {
  it('round-trips appends, truncations, key changes and deletions', () => {
    const a = { t: 1, v: 'x', log: [{ t: 1 }, { t: 1 }, { t: 2 }], gone: 3 };
    const b = { t: 2, v: null, log: [{ t: 1 }, { t: 3 }], extra: { z: [1] } };
    expect(patch(a, diff(a, b))).toEqual(b);
    expect(diff(a, a)).toEqual([]);
  });
  it('keeps an unchanged log prefix out of the patch (structural sharing)', () => {
    const e = { term: 1, value: 'big' };
    const a = { log: [e, e, e] };
    const b = { log: [e, e, e, { term: 2, value: 'n' }] };
    expect(diff(a, b)).toEqual([{ p: ['log'], t: 3, a: [{ term: 2, value: 'n' }] }]);
  });
});

describe('Wal', () => {
  it('recovers exactly the last durable value after reopen', async () => {
    const v1 = { ...d0, currentTerm: 1, votedFor: 's1' };
    const v2 = { ...v1, log: [{ term: 1, value: 'a' }] };
    const v3 = { ...v2, log: [...v2.log, { term: 1, value: 'b' }] };
    const v4 = { ...v3, currentTerm: 2, votedFor: null, log: [v3.log[0]!, { term: 2, value: 'c' }] };
    await writeAll([d0, v1, v2, v3, v4]);
    const { wal, recovery } = await Wal.open(dir);
    expect(recovery.value).toEqual(v4);
    expect(recovery.records).toBe(5);
    expect(recovery.truncated).toBeNull();
    await wal.close();
  });

  it('writes nothing when the value did not change', async () => {
    const { wal } = await Wal.open(dir);
    expect(await wal.write(d0)).toBe(true);
    expect(await wal.write({ ...d0 })).toBe(false);
    await wal.close();
  });

  it('detects, reports and truncates a torn tail (every cut point of the last record)', async () => {
    const v1 = { ...d0, currentTerm: 1 };
    const v2 = { ...v1, log: [{ term: 1, value: 'a' }] };
    await writeAll([v1]);
    const goodLen = endOf(await readFile(join(dir, 'wal.log')));
    await writeAll([v2]);
    const full = await readFile(join(dir, 'wal.log'));
    expect(endOf(full)).toBeGreaterThan(goodLen + 8);
    // The file ends inside the record: an append that outran the preallocation, torn by the crash.
    for (let cut = goodLen + 1; cut < endOf(full); cut += 1) {
      const image = full.subarray(0, cut);
      await writeFile(join(dir, 'wal.log'), image);
      const { wal, recovery } = await Wal.open(dir, { preallocBytes: 4096 });
      expect(recovery.value).toEqual(v1);
      // Version 2: a torn part that is only zeros (the length's high bytes) is the clean end, like the preallocated zeros.
      expect(recovery.truncated?.bytes ?? null).toBe(zerosAfter(image, goodLen) ? null : cut - goodLen);
      await wal.close();
      const after = await readFile(join(dir, 'wal.log'));
      expect(replay(after)).toMatchObject({ end: goodLen, records: 1, truncated: null });
      expect(zerosAfter(after, goodLen)).toBe(true);
    }
  });

  // etcd's rule (wal/decoder.go isTornEntry): a bad last record is torn only if it is short or one of
  // its 512-byte sectors (aligned to the file offset) is all zeros; anything else is corruption.
  it('cuts a zeroed sector in the last record (a torn write), aligned to the file offset', async () => {
    const v1 = { ...d0, currentTerm: 1 };
    await writeAll([v1, { ...v1, log: [{ term: 1, value: 'x'.repeat(3000) }] }]);
    const buf = await readFile(join(dir, 'wal.log'));
    expect(replay(buf).truncated).toBeNull();
    const last = endOf(buf) - 3000 - 50; // inside the last record's payload
    const sector = Math.ceil(last / 512) * 512;
    buf.fill(0, sector, sector + 512);
    await writeFile(join(dir, 'wal.log'), buf);
    const { wal, recovery } = await Wal.open(dir);
    expect(recovery.value).toEqual(v1);
    expect(recovery.truncated?.reason).toMatch(/^record 2 at byte \d+: checksum mismatch with a zeroed sector$/);
    await wal.close();
  });

  it('cuts a last record whose final partial sector is zeros (etcd splits at sector boundaries)', async () => {
    const v1 = { ...d0, currentTerm: 1 };
    await writeAll([v1, { ...v1, log: [{ term: 1, value: 'y'.repeat(2000) }] }]);
    const buf = await readFile(join(dir, 'wal.log'));
    const end = endOf(buf);
    const boundary = Math.floor((end - 1) / 512) * 512;
    buf.fill(0, boundary, end);
    expect(replay(buf).truncated?.reason).toMatch(/zeroed sector/);
  });

  it('cuts zeros after the last record of a version-1 file (a file extended by the crash, never written)', async () => {
    const v1 = { ...d0, currentTerm: 1 };
    await writeAll([v1]);
    const buf = asVersion1(await readFile(join(dir, 'wal.log')));
    const r = replay(Buffer.concat([buf, Buffer.alloc(700)]));
    expect(r.value).toEqual(v1);
    expect(r.truncated).toEqual({ reason: `record 2 at byte ${buf.length}: zeros to the end of the file`, bytes: 700 });
  });

  it('refuses 512 zero bytes that cover no whole aligned sector of the last record', async () => {
    const v1 = { ...d0, currentTerm: 1 };
    await writeAll([v1, { ...v1, log: [{ term: 1, value: 'z'.repeat(3000) }] }]);
    const buf = await readFile(join(dir, 'wal.log'));
    const sector = Math.ceil((endOf(buf) - 2500) / 512) * 512;
    buf.fill(0, sector + 1, sector + 513);
    expect(() => replay(buf)).toThrow(/^record 2 at byte \d+ \(the last\): checksum mismatch in a full-length record with no zeroed sector: corrupt, not a torn write$/);
  });

  it('refuses a flipped byte in the last record and leaves the file as it was (issue 13, scenario 2)', async () => {
    await writeAll([{ ...d0, currentTerm: 1 }, { ...d0, currentTerm: 1, log: [{ term: 1, value: 'victim1' }] }]);
    const file = join(dir, 'wal.log');
    const buf = await readFile(file);
    const end = endOf(buf);
    buf.writeUInt8(buf.readUInt8(end - 2) ^ 0x01, end - 2);
    await writeFile(file, buf);
    await expect(Wal.open(dir)).rejects.toThrow(WalCorruptError);
    await expect(Wal.open(dir)).rejects.toThrow(/^record 2 at byte \d+ \(the last\): checksum mismatch in a full-length record/);
    expect((await readFile(file)).equals(buf)).toBe(true); // a 16 MiB preallocated file: compared natively
  });

  it('refuses a last record whose checksum holds but whose payload is not a WAL entry', () => {
    const buf = Buffer.concat([Buffer.from('CCWAL01\n', 'latin1'), encodeRecord({ f: d0 }), encodeRecord([1, 2])]);
    expect(() => replay(buf)).toThrow(/^record 2 at byte \d+ \(the last\): not a WAL entry: corrupt/);
  });

  it('refuses a corrupt record in the middle (never silent data loss)', async () => {
    await writeAll([{ ...d0, currentTerm: 1 }, { ...d0, currentTerm: 2 }, { ...d0, currentTerm: 3 }]);
    const buf = await readFile(join(dir, 'wal.log'));
    buf.writeUInt8(buf.readUInt8(8 + 8 + 3) ^ 0x20, 8 + 8 + 3); // inside the first record's payload
    await writeFile(join(dir, 'wal.log'), buf);
    await expect(Wal.open(dir)).rejects.toThrow(WalCorruptError);
    await expect(Wal.open(dir)).rejects.toThrow(/^record 1 at byte 8: checksum mismatch, but a valid record follows at byte \d+: corrupt in the middle$/);
  });

  it('refuses a zeroed sector in the middle: only the tail can be torn', async () => {
    const v1 = { ...d0, currentTerm: 1, log: [{ term: 1, value: 'w'.repeat(2000) }] };
    await writeAll([v1, { ...v1, currentTerm: 2 }]);
    const buf = await readFile(join(dir, 'wal.log'));
    buf.fill(0, 512, 1024);
    expect(() => replay(buf)).toThrow(/^record 1 at byte 8: checksum mismatch, but a valid record follows/);
  });

  it('refuses a file that is not a WAL', async () => {
    await writeFile(join(dir, 'wal.log'), 'hello world, not a wal');
    await expect(Wal.open(dir)).rejects.toThrow(/bad magic/);
  });

  it('compacts into one full record and keeps appending after it', async () => {
    const { wal } = await Wal.open(dir, { compactBytes: 200 });
    let v: D = d0;
    for (let k = 0; k < 30; k += 1) {
      v = { ...v, log: [...v.log, { term: 1, value: `v${k}` }] };
      await wal.write(v);
    }
    await wal.close();
    const { wal: w2, recovery } = await Wal.open(dir);
    expect(recovery.value).toEqual(v);
    expect(recovery.records).toBeLessThan(30);
    await w2.close();
  });
});

/** The same records under the version-1 magic, without the preallocated zeros. */
function asVersion1(buf: Buffer): Buffer {
  return Buffer.concat([Buffer.from('CCWAL01\n', 'latin1'), buf.subarray(8, endOf(buf))]);
}

describe('patchInPlace', () => {
  it('agrees with patch on random edits of a log-shaped value', async () => {
    const { patchInPlace } = await import('../../../src/runtime/wal/diff.ts');
    let seed = 3;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let prev: D = d0;
    let replayed: unknown = structuredClone(d0);
    for (let k = 0; k < 300; k += 1) {
      const r = rnd();
      const log = r < 0.2 ? prev.log.slice(0, Math.floor(rnd() * (prev.log.length + 1))) : prev.log;
      const next: D = {
        currentTerm: prev.currentTerm + (r > 0.9 ? 1 : 0),
        votedFor: r > 0.95 ? null : r > 0.9 ? 's2' : prev.votedFor,
        log: r < 0.7 ? [...log, { term: prev.currentTerm, value: [k] }] : log,
      };
      const ops = JSON.parse(JSON.stringify(diff(prev, next)));
      replayed = patchInPlace(replayed, ops);
      expect(patch(prev, ops)).toEqual(next);
      expect(replayed).toEqual(next);
      prev = next;
    }
  });
});
