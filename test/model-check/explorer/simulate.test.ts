import { describe, expect, it } from 'vitest';
import { simulate } from '../../../model-check/index.ts';
import { counter, dieHard } from '../../helpers/toys.ts';

describe('simulate (random walks)', () => {
  it('is reproducible: the same seed gives the same walks', () => {
    const a = simulate(dieHard(), { walks: 50, depth: 20, seed: 7 });
    const b = simulate(dieHard(), { walks: 50, depth: 20, seed: 7 });
    expect(a.violation?.trace.map((s) => s.action)).toEqual(b.violation?.trace.map((s) => s.action));
    expect([a.steps, a.distinct]).toEqual([b.steps, b.distinct]);
  });

  it('finds the DieHard solution with a trace that really ends in it', () => {
    const r = simulate(dieHard(), { walks: 1000, depth: 30, seed: 1 });
    expect(r.verdict).toBe('violation');
    expect(r.violation?.name).toBe('NotSolved');
    expect(r.violation?.trace.at(-1)?.variables['big']).toBe(4);
  });

  it("keeps a walk inside the constraint (as TLC's simulator does) and counts the distinct states it visited", () => {
    const r = simulate(counter({ limit: 9 }), { walks: 3, depth: 100, seed: 3, deadlock: false });
    expect(r.verdict).toBe('ok');
    expect(r.distinct).toBe(10);
    // 0 -> 9 in 9 steps each: the step to 10 (outside) is checked but never taken.
    expect(r.steps).toBe(27);
    expect(r.longest).toBe(9);
  });
});
