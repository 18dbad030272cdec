// The WAL truncated after a snapshot (Wal.rewrite): one full record replaces the history, appends
// made while it runs are kept, and the file reopens to the last value written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wal, replay } from '../../../src/runtime/wal/wal.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'walrw-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const value = (n: number, from = 1) => ({ currentTerm: 2, votedFor: 's1', log: Array.from({ length: n - from + 1 }, (_, k) => ({ term: 2, value: `v${from + k}`.padEnd(200, '.') })), snapshot: { index: from - 1, term: 2 } });

describe('Wal.rewrite', () => {
  it('keeps appends made while it runs, shrinks the file, and reopens to the last value', async () => {
    const { wal } = await Wal.open(dir);
    for (let n = 1; n <= 300; n += 1) await wal.write(value(n));
    const before = wal.bytes;
    await wal.write(value(300, 291)); // a snapshot took entries 1..290
    const done = wal.rewrite();
    // Appends during the rewrite, each on its own turn of the event loop, so they land between its file operations.
    for (let n = 301; n <= 320; n += 1) {
      await wal.write(value(n, 291));
      await new Promise((r) => setImmediate(r));
    }
    await done;
    for (let n = 321; n <= 325; n += 1) await wal.write(value(n, 291));
    await wal.close();
    // The logical size: the file itself is preallocated (zeros follow the last record).
    expect(replay(await readFile(join(dir, 'wal.log'))).end).toBeLessThan(before / 5);
    expect(await readdir(dir)).toEqual(['wal.log']);
    const { wal: again, recovery } = await Wal.open(dir);
    expect(recovery.value).toEqual(value(325, 291));
    expect(recovery.truncated).toBeNull();
    await again.close();
  });

  it('a second call while one runs joins it', async () => {
    const { wal } = await Wal.open(dir);
    await wal.write(value(3));
    const a = wal.rewrite();
    expect(wal.rewrite()).toBe(a);
    await a;
    await wal.close();
  });
});
