// The searches for models too deep to exhaust: walks inside the constraint with swarm weights, the
// guided search, and action coverage. Each is reproduced by its seed; none is timed.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../model-check/index.ts';
import { coverageLines, emptyCoverage, withCoverage } from '../../../model-check/coverage.ts';
import { guidedSearch } from '../../../model-check/guided.ts';
import { restricted, shortenTrace } from '../../../model-check/shorten.ts';
import { explore } from '../../../model-check/bfs.ts';
import { counter, dieHard } from '../../helpers/toys.ts';

describe('simulation inside the bounds', () => {
  it('a walk ends at the depth bound, never outside the constraint', () => {
    const r = simulate(counter({ limit: 9 }), { walks: 4, depth: 5, seed: 1, deadlock: false });
    expect([r.steps, r.longest, r.distinct]).toEqual([20, 5, 6]);
  });

  it('swarm walks are reproduced by the seed, and differ from uniform walks', () => {
    const run = (swarm: boolean) => simulate(dieHard(), { walks: 200, depth: 30, seed: 11, swarm });
    const a = run(true);
    const b = run(true);
    expect(a.violation?.trace.map((s) => s.action)).toEqual(b.violation?.trace.map((s) => s.action));
    expect([a.walk, a.steps, a.generated]).toEqual([b.walk, b.steps, b.generated]);
    expect(a.violation?.name).toBe('NotSolved');
    const u = run(false);
    expect([u.walk, u.steps]).not.toEqual([a.walk, a.steps]);
  });
});

describe('guided search', () => {
  it('finds the DieHard solution with a real trace, the same for the same seed', () => {
    const run = () => guidedSearch(dieHard(), { seed: 3, maxSeconds: 600, maxWalks: 10_000, depth: 30 });
    const a = run();
    expect(a.violation?.name).toBe('NotSolved');
    expect(a.violation?.trace.at(-1)?.variables['big']).toBe(4);
    expect(run().violation?.trace.map((s) => s.action)).toEqual(a.violation?.trace.map((s) => s.action));
  });

  it('stays inside the constraint and never reports a correct model', () => {
    const r = guidedSearch(counter({ limit: 9 }), { seed: 1, maxSeconds: 600, maxWalks: 50, depth: 100, deadlock: false });
    expect(r.violation).toBeNull();
    expect(r.longest).toBe(9);
    expect(r.distinct).toBe(10);
    expect(r.walks).toBe(50);
  });
});

describe('shortening a guided trace (BFS over its action instances)', () => {
  it("DieHard: the guided search's long trace shrinks to BFS's shortest, which uses only instances it took", async () => {
    const g = guidedSearch(dieHard(), { seed: 3, maxSeconds: 600, maxWalks: 10_000, depth: 30 });
    const found = g.violation?.trace.length ?? 0;
    const s = await shortenTrace(dieHard(), g.violation!);
    const bfs = await explore(dieHard(), {});
    expect(found).toBeGreaterThan(bfs.violation!.trace.length);
    expect([s.violation.name, s.violation.trace.length]).toEqual(['NotSolved', bfs.violation!.trace.length]);
    const used = new Set(g.violation!.trace.map((t) => t.action));
    for (const t of s.violation.trace) expect(used.has(t.action)).toBe(true);
    expect(s.violation.trace.at(-1)?.variables['big']).toBe(4);
  });

  it('the restricted model offers only the named instances, and a trace not shorter is kept', async () => {
    expect(restricted(dieHard(), new Set(['FillBig'])).actions({ small: 0, big: 0 })).toEqual([{ type: 'FillBig' }]);
    const bfs = await explore(dieHard(), {});
    const s = await shortenTrace(dieHard(), bfs.violation!);
    expect(s.violation).toBe(bfs.violation);
  });
});

describe('coverage (TLC -coverage)', () => {
  it('counts each action kind taken and names those never taken', async () => {
    const c = emptyCoverage();
    const r = await explore(withCoverage(counter({ limit: 3 }), c), { deadlock: false });
    expect(r.distinct).toBe(4);
    expect(c.taken.get('Inc')).toBe(4); // from 0, 1, 2, 3 (the step to 4 is computed, then cut)
    expect(c.taken.has('Reset')).toBe(false);
    expect(c.offered.get('Reset')).toBe(4);
    expect(coverageLines(c)[0]).toBe('Coverage: actions never taken: Reset');
  });
});
