import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explore, exploreParallel } from '../../../model-check/index.ts';
import { SpillQueue } from '../../../model-check/queue.ts';
import { grid } from '../../helpers/toys.ts';

const toys = new URL('../../helpers/toys.ts', import.meta.url).href;

describe('SpillQueue', () => {
  it('gives entries back in FIFO order across memory and disk, and removes its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'q-test-'));
    const q = new SpillQueue<{ x: number }>(3, dir);
    for (let k = 0; k < 10; k++) q.push({ x: k }, 100 + k);
    expect(q.length).toBe(10);
    expect(q.spilledTotal).toBe(9);
    expect([...q.drain()].map(([s, id]) => [s.x, id])).toEqual(Array.from({ length: 10 }, (_, k) => [k, 100 + k]));
    q.close();
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true });
  });

  it('maps the states it reads back from disk through intern, and only those', () => {
    const dir = mkdtempSync(join(tmpdir(), 'q-test-'));
    const one = { x: 1 };
    const q = new SpillQueue<{ x: number }>(2, dir, (s) => (s.x === 1 ? one : s));
    const held = { x: 1 };
    q.push({ x: 1 }, 0);
    q.push({ x: 2 }, 1);
    q.push(held, 2);
    const out = [...q.drain()].map(([s]) => s);
    expect(out).toEqual([{ x: 1 }, { x: 2 }, { x: 1 }]);
    expect([out[0] === one, out[2] === held]).toEqual([true, true]);
    q.close();
    rmSync(dir, { recursive: true });
  });
});

describe('explore with a level spilled to disk', () => {
  it('counts the same as in memory', async () => {
    const r = await explore(grid(60), { spillStates: 7 });
    expect([r.distinct, r.generated, r.depth]).toEqual([3600, 7081, 119]);
    expect(r.spilledStates).toBeGreaterThan(3000);
  });

  it('with workers too', async () => {
    const r = await exploreParallel({ module: toys, export: 'grid', args: 60 }, 2, { spillStates: 7, parallelFrom: 0 });
    expect([r.distinct, r.generated, r.depth]).toEqual([3600, 7081, 119]);
    expect(r.spilledStates).toBeGreaterThan(1000);
  });
});
