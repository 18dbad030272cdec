import { describe, expect, it } from 'vitest';
import { exploreDepthFirst } from '../../../model-check/index.ts';
import { counter, dieHard, grid, stutterer } from '../../helpers/toys.ts';

describe('exploreDepthFirst (depth-bounded)', () => {
  it('visits every state within the bound, even one first reached by a longer path', async () => {
    expect((await exploreDepthFirst(grid(10), { maxDepth: 19 })).distinct).toBe(100);
    const r = await exploreDepthFirst(grid(10), { maxDepth: 5 });
    expect([r.distinct, r.depth, r.verdict]).toEqual([15, 5, 'ok']);
  });

  it('finds DieHard within 7 states, not within 6', async () => {
    const r = await exploreDepthFirst(dieHard(), { maxDepth: 7 });
    expect(r.violation?.name).toBe('NotSolved');
    expect(r.violation?.trace.at(-1)?.variables['big']).toBe(4);
    expect(r.violation?.trace.length).toBeLessThanOrEqual(7);
    expect((await exploreDepthFirst(dieHard(), { maxDepth: 6 })).verdict).toBe('ok');
  });

  it('counts a step that returns the state itself as generated, and checks action properties on it', async () => {
    const r = await exploreDepthFirst(stutterer(), { maxDepth: 10 });
    expect({ verdict: r.verdict, distinct: r.distinct, generated: r.generated }).toEqual({ verdict: 'ok', distinct: 4, generated: 8 }); // 1 initial, 3 Inc, 4 Stay
    const bad = await exploreDepthFirst(stutterer(true), { maxDepth: 10 });
    expect(bad.violation?.name).toBe('Moves');
    expect(bad.violation?.trace.at(-1)?.action).toBe('Stay');
  });

  it('reports a deadlock inside the bound, not at it', async () => {
    const r = await exploreDepthFirst(counter({ stopAt: 3 }), { maxDepth: 10 });
    expect(r.violation?.kind).toBe('deadlock');
    expect(r.violation?.trace).toHaveLength(4);
    expect((await exploreDepthFirst(counter({ stopAt: 3 }), { maxDepth: 4 })).verdict).toBe('ok');
  });
});
