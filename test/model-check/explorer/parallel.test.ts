import { describe, expect, it } from 'vitest';
import { explore, exploreParallel } from '../../../model-check/index.ts';
import { workerBundle } from '../../../model-check/worker-bundle.ts';
import { dieHard, grid, stutterer, uneven } from '../../helpers/toys.ts';

const toys = new URL('../../helpers/toys.ts', import.meta.url).href;
/** The workers from the first level on: these tests are about them. */
const now = { parallelFrom: 0 } as const;

describe('exploreParallel (worker threads)', () => {
  it('finds the same shortest DieHard trace length as one thread', async () => {
    const r = await exploreParallel({ module: toys, export: 'dieHard', args: null }, 2, now);
    const one = await explore(dieHard());
    expect(r.violation?.name).toBe('NotSolved');
    expect(r.violation?.trace).toHaveLength(one.violation?.trace.length ?? -1);
    expect(r.violation?.trace.at(-1)?.variables['big']).toBe(4);
  });

  it('counts the same distinct states, generated and depth as one thread, across table growth', async () => {
    const r = await exploreParallel({ module: toys, export: 'grid', args: 500 }, 2, now);
    const one = await explore(grid(500));
    expect(r.verdict).toBe('ok');
    expect([r.distinct, r.generated, r.depth]).toEqual([one.distinct, one.generated, one.depth]);
    expect([r.distinct, r.depth]).toEqual([250_000, 999]);
    expect(r.fingerprintBytes).toBeGreaterThan(8 * 250_000);
    expect(r.witnesses).toEqual({ Corner: true });
  });

  it('skips a stutter as one thread does: same counts, and an action property still checked on it', async () => {
    const r = await exploreParallel({ module: toys, export: 'stutterer', args: false }, 2, now);
    const one = await explore(stutterer());
    expect([r.distinct, r.generated, r.depth]).toEqual([one.distinct, one.generated, one.depth]);
    const bad = await exploreParallel({ module: toys, export: 'stutterer', args: true }, 2, now);
    expect(bad.violation?.name).toBe('Moves');
  });

  it('shares the work even from a single initial state', async () => {
    const r = await exploreParallel({ module: toys, export: 'grid', args: 300 }, 2, now);
    expect(r.distinct).toBe(90_000);
    expect(r.expandedBy).toHaveLength(3);
    expect(r.expandedBy[0]).toBe(0);
    for (const n of r.expandedBy.slice(1)) expect(n).toBeGreaterThan(0.3 * 90_000);
  });

  it('starts in this thread and brings the workers in at the first level that is large enough', async () => {
    const one = await explore(grid(300));
    const late = await exploreParallel({ module: toys, export: 'grid', args: 300 }, 2, { parallelFrom: 200 });
    expect([late.distinct, late.generated, late.depth]).toEqual([one.distinct, one.generated, one.depth]);
    // Level k of the grid holds k states: levels 1..199 are expanded here, the rest by the workers.
    expect(late.expandedBy[0]).toBe((199 * 200) / 2);
    expect(late.workers).toBe(2);
    const never = await exploreParallel({ module: toys, export: 'grid', args: 30 }, 2);
    expect([never.workers, never.expandedBy]).toEqual([2, [900]]);
    const bad = await exploreParallel({ module: toys, export: 'dieHard', args: null }, 2, { parallelFrom: 3 });
    expect(bad.violation?.trace).toHaveLength((await explore(dieHard())).violation?.trace.length ?? -1);
  });

  it("an idle worker takes part of a busy one's level, and the counts stay those of one thread", async () => {
    const r = await exploreParallel({ module: toys, export: 'uneven', args: 4000 }, 2, now);
    const one = await explore(uneven(4000));
    expect([r.distinct, r.generated, r.depth]).toEqual([one.distinct, one.generated, one.depth]);
    expect([r.distinct, r.depth]).toEqual([8000, 2]);
    expect(r.stolenStates).toBeGreaterThan(0);
  });

  it('workers load a bundle of the explorer and the model, or else the files through tsx, with the same counts', async () => {
    const script = await workerBundle({ module: toys, export: 'grid', args: 300 });
    expect(script).toContain('Corner');
    expect(await workerBundle({ module: 'data:text/javascript,export const grid = 1', export: 'grid', args: 1 })).toBeNull();
    const bundled = await exploreParallel({ module: toys, export: 'grid', args: 300 }, 2, now);
    const files = await exploreParallel({ module: toys, export: 'grid', args: 300 }, 2, { ...now, bundle: false });
    expect([bundled.distinct, bundled.generated, bundled.depth]).toEqual([90_000, files.generated, 599]);
    expect([files.distinct, files.depth]).toEqual([90_000, 599]);
  });

  it("says so when the factory's module has no such export", async () => {
    const built = grid(3) as unknown as Parameters<typeof exploreParallel>[3];
    const bad = exploreParallel({ module: toys, export: 'noSuchModel', args: null }, 2, now, built);
    await expect(bad).rejects.toThrow(/has no export noSuchModel/);
  });

  it('reports a deadlock with its path', async () => {
    const r = await exploreParallel({ module: toys, export: 'counter', args: { stopAt: 3 } }, 2);
    expect(r.violation?.kind).toBe('deadlock');
    expect(r.violation?.trace).toHaveLength(4);
  });
});
