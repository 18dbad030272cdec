import { describe, expect, it } from 'vitest';
import { explore, formatTrace } from '../../../model-check/index.ts';
import { counter, dieHard, grid, stutterer } from '../../helpers/toys.ts';

describe('explore (breadth-first)', () => {
  it('finds the shortest DieHard solution: 7 states, as TLC prints it', async () => {
    const r = await explore(dieHard());
    expect(r.verdict).toBe('violation');
    expect(r.violation?.kind).toBe('invariant');
    expect(r.violation?.name).toBe('NotSolved');
    expect(r.violation?.trace.map((s) => s.action)).toEqual([
      null, 'FillBig', 'BigToSmall', 'EmptySmall', 'BigToSmall', 'FillBig', 'BigToSmall',
    ]);
    expect(r.violation?.trace.at(-1)?.variables).toEqual({ big: 4, small: 3 });
  });

  it('shows only what changed at each step', async () => {
    const r = await explore(dieHard());
    const text = formatTrace(r.violation?.trace ?? []);
    expect(text.split('\n').slice(0, 6)).toEqual([
      '1: <Initial state>', '     big = 0', '     small = 0', '2: FillBig', '     big: 0 -> 5', '3: BigToSmall',
    ]);
  });

  it('counts every reachable DieHard state when the invariant is dropped (16 distinct, depth 8)', async () => {
    const m = dieHard();
    const r = await explore({ ...m, invariants: { TypeOK: m.invariants['TypeOK'] as (s: unknown) => boolean } });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 16, generated: 97, depth: 8 });
    expect(r.witnesses).toEqual({ SmallFull: true });
  });

  it('counts a step that returns the state itself as generated, and checks action properties on it', async () => {
    const r = await explore(stutterer());
    expect({ verdict: r.verdict, distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ verdict: 'ok', distinct: 4, generated: 8, depth: 4 }); // 1 initial, 3 Inc, 4 Stay
    const bad = await explore(stutterer(true));
    expect(bad.violation?.kind).toBe('actionProperty');
    expect(bad.violation?.trace.map((s) => s.action)).toEqual([null, 'Stay']);
  });

  it('applies TLC constraint semantics: an out-of-bound successor is generated and checked, not counted', async () => {
    const r = await explore(counter({ limit: 5 }), { deadlock: false });
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 6, generated: 7, depth: 6 });
  });

  it('checks invariants on a successor outside the constraint', async () => {
    const r = await explore(counter({ limit: 5, bad: 6 }));
    expect(r.violation?.name).toBe('NotBad');
    expect(r.violation?.trace).toHaveLength(7);
  });

  it('reports a deadlock with the path to the stuck state', async () => {
    const r = await explore(counter({ stopAt: 3 }));
    expect(r.violation?.kind).toBe('deadlock');
    expect(r.violation?.trace.at(-1)?.variables).toEqual({ x: 3 });
    expect(r.violation?.trace).toHaveLength(4);
  });

  it('does not report a deadlock when asked not to', async () => {
    const r = await explore(counter({ stopAt: 3 }), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect(r.distinct).toBe(4);
  });

  it('checks action properties on every transition, including ones to seen states', async () => {
    const r = await explore(counter({ limit: 3, decreaseProperty: true }));
    expect(r.violation?.kind).toBe('actionProperty');
    expect(r.violation?.name).toBe('NeverDecreases');
    expect(r.violation?.trace.map((s) => s.action)).toEqual([null, 'Inc', 'Reset']);
  });

  it('stops at --max-states and says incomplete, never ok', async () => {
    const r = await explore(counter({ limit: 100_000 }), { maxStates: 1000, deadlock: false });
    expect(r.verdict).toBe('incomplete');
    expect(r.incomplete).toMatch(/max-states/);
    expect(r.distinct).toBeGreaterThanOrEqual(1000);
    expect(r.distinct).toBeLessThan(100_001);
  });

  it('stops at a memory cap and says incomplete', async () => {
    const r = await explore(grid(300), { memoryBytes: 1 });
    expect(r.verdict).toBe('incomplete');
    expect(r.incomplete).toMatch(/--memory/);
  });

  it('reports progress on long runs', async () => {
    const seen: number[] = [];
    await explore(counter({ limit: 20_000 }), { deadlock: false, progressIntervalMs: 0, onProgress: (p) => seen.push(p.distinct) });
    expect(seen.length).toBeGreaterThan(0);
  });
});
