import { describe, expect, it } from 'vitest';
import { explore, exploreParallel } from '../../../model-check/index.ts';
import { workerBundle } from '../../../model-check/worker-bundle.ts';
import { dieHard, grid, stutterer, uneven } from '../../helpers/toys.ts';

const toys = new URL('../../helpers/toys.ts', import.meta.url).href;

describe('exploreParallel (worker threads)', () => {
  it('finds the same shortest DieHard trace length as one thread', async () => {
    const r = await exploreParallel({ module: toys, export: 'dieHard', args: null }, 2);
    const one = await explore(dieHard());
    expect(r.violation?.name).toBe('NotSolved');
    expect(r.violation?.trace).toHaveLength(one.violation?.trace.length ?? -1);
    expect(r.violation?.trace.at(-1)?.variables['big']).toBe(4);
  });

  it('counts the same distinct states, generated and depth as one thread, across table growth', async () => {
    const r = await exploreParallel({ module: toys, export: 'grid', args: 500 }, 2);
    const one = await explore(grid(500));
    expect(r.verdict).toBe('ok');
    expect([r.distinct, r.generated, r.depth]).toEqual([one.distinct, one.generated, one.depth]);
    expect([r.distinct, r.depth]).toEqual([250_000, 999]);
    expect(r.fingerprintBytes).toBeGreaterThan(8 * 250_000);
    expect(r.witnesses).toEqual({ Corner: true });
  });

  it('skips a stutter as one thread does: same counts, and an action property still checked on it', async () => {
    const r = await exploreParallel({ module: toys, export: 'stutterer', args: false }, 2);
    const one = await explore(stutterer());
    expect([r.distinct, r.generated, r.depth]).toEqual([one.distinct, one.generated, one.depth]);
    const bad = await exploreParallel({ module: toys, export: 'stutterer', args: true }, 2);
    expect(bad.violation?.name).toBe('Moves');
  });

  it('shares the work even from a single initial state', async () => {
    const r = await exploreParallel({ module: toys, export: 'grid', args: 300 }, 2);
    expect(r.distinct).toBe(90_000);
    expect(r.expandedBy).toHaveLength(2);
    for (const n of r.expandedBy) expect(n).toBeGreaterThan(0.3 * 90_000);
  });

  it("an idle worker takes part of a busy one's level, and the counts stay those of one thread", async () => {
    const r = await exploreParallel({ module: toys, export: 'uneven', args: 4000 }, 2);
    const one = await explore(uneven(4000));
    expect([r.distinct, r.generated, r.depth]).toEqual([one.distinct, one.generated, one.depth]);
    expect([r.distinct, r.depth]).toEqual([8000, 2]);
    expect(r.stolenStates).toBeGreaterThan(0);
  });

  it('workers load a bundle of the explorer and the model, or else the files through tsx, with the same counts', async () => {
    const script = await workerBundle({ module: toys, export: 'grid', args: 300 });
    expect(script).toContain('Corner');
    expect(await workerBundle({ module: 'data:text/javascript,export const grid = 1', export: 'grid', args: 1 })).toBeNull();
    const bundled = await exploreParallel({ module: toys, export: 'grid', args: 300 }, 2);
    const files = await exploreParallel({ module: toys, export: 'grid', args: 300 }, 2, { bundle: false });
    expect([bundled.distinct, bundled.generated, bundled.depth]).toEqual([90_000, files.generated, 599]);
    expect([files.distinct, files.depth]).toEqual([90_000, 599]);
  });

  it("says so when the factory's module has no such export", async () => {
    const built = grid(3) as unknown as Parameters<typeof exploreParallel>[3];
    const bad = exploreParallel({ module: toys, export: 'noSuchModel', args: null }, 2, {}, built);
    await expect(bad).rejects.toThrow(/has no export noSuchModel/);
  });

  it('reports a deadlock with its path', async () => {
    const r = await exploreParallel({ module: toys, export: 'counter', args: { stopAt: 3 } }, 2);
    expect(r.violation?.kind).toBe('deadlock');
    expect(r.violation?.trace).toHaveLength(4);
  });
});
