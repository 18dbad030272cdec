// The refinement check on toy models only: a clock of six half-hours refines a clock of three hours
// (stateright's test_util discipline: no protocol here).
import { describe, expect, it } from 'vitest';
import { explore, exploreDepthFirst, refinementName, refining, simulate } from '../../../model-check/index.ts';
import { refinement, type Model, type Tagged } from '../../../src/core/index.ts';

type Hours = { readonly hr: number; readonly ticks: number };
type Half = { readonly n: number };
type Act = { readonly type: 'Inc' | 'Skip' };

/** The abstract spec: hr goes round 0, 1, 2; ticks counts its steps up to 2. */
function hours(): Model<Hours, Tagged> {
  return {
    name: 'Hours',
    init: () => [{ hr: 0, ticks: 0 }],
    actions: () => [{ type: 'Tick' }],
    next: (s) => ({ hr: (s.hr + 1) % 3, ticks: Math.min(s.ticks + 1, 2) }),
    invariants: {},
    actionProperties: {},
    witnesses: {},
    variables: (s) => ({ hr: s.hr, ticks: s.ticks }),
    describe: (a) => a.type,
  };
}

/**
 * n goes round 0..5 by Inc (and by +4 with `skip`); hr = n \div 2, and ticks comes from a history
 * variable counting the steps that changed hr, up to 2 (`offset` breaks the mapping at Init).
 */
function halves(o: { skip?: boolean; offset?: number } = {}): Model<Half, Act> {
  const hr = (s: Half) => (Math.floor(s.n / 2) + (o.offset ?? 0)) % 3;
  const m: Model<Half, Act> = {
    name: 'Halves',
    init: () => [{ n: 0 }],
    actions: () => (o.skip === true ? [{ type: 'Inc' }, { type: 'Skip' }] : [{ type: 'Inc' }]),
    next: (s, a) => ({ n: (s.n + (a.type === 'Inc' ? 1 : 4)) % 6 }),
    invariants: { TypeOK: (s) => s.n >= 0 && s.n < 6 },
    actionProperties: { Moves: (s, t) => s.n !== t.n },
    witnesses: { Wrapped: (s) => s.n === 5 },
    variables: (s) => ({ n: s.n }),
    describe: (a) => a.type,
  };
  const r = refinement<Half, Hours, Tagged, number>({
    name: 'Hours',
    spec: hours(),
    history: { init: () => 0, next: (h, s, t) => (hr(s) === hr(t) ? h : Math.min(h + 1, 2)) },
    map: (s, h) => ({ hr: hr(s), ticks: h }),
  });
  return { ...m, refines: r };
}

describe('refinement check', () => {
  it('is the action property Refines<name>, after the model\'s own', () => {
    const m = refining(halves());
    expect(refinementName(halves() as unknown as Model<unknown, Tagged>)).toBe('RefinesHours');
    expect(Object.keys(m.actionProperties)).toEqual(['Moves', 'RefinesHours']);
    expect(Object.keys(m.invariants)).toEqual(['TypeOK']);
    const { refines: _, ...without } = halves();
    expect(refining(without)).toBe(without);
  });

  it('holds for a correct implementation, and the history variable adds no state (TLC\'s VIEW)', async () => {
    const { refines: _, ...without } = halves();
    const base = await explore(without);
    const r = await explore(refining(halves()));
    expect(r.verdict).toBe('ok');
    // Without the view, (n, ticks) would give 6 + 2 + 2 states (ticks 0 for n 0..1, 1 for n 2..3, 2 from then on).
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: base.distinct, generated: base.generated, depth: base.depth });
    expect(r.distinct).toBe(6);
    expect(r.witnesses).toEqual({ Wrapped: true });
  });

  it('reports the shortest trace to the first step with no abstract counterpart', async () => {
    const r = await explore(refining(halves({ skip: true })));
    expect(r.violation?.kind).toBe('actionProperty');
    expect(r.violation?.name).toBe('RefinesHours');
    expect(r.violation?.trace.map((s) => s.action)).toEqual([null, 'Skip']);
    // The trace shows the image as the instance's variables.
    expect(r.violation?.trace.at(-1)?.variables).toEqual({ n: 4, 'Hours!hr': 2, 'Hours!ticks': 1 });
  });

  it('checks Init: an initial state whose image is not initial fails on its first step', async () => {
    const r = await explore(refining(halves({ offset: 1 })));
    expect([r.violation?.name, r.violation?.trace.map((s) => s.action)]).toEqual(['RefinesHours', [null, 'Inc']]);
  });

  it('works in the depth-first search and in random walks', async () => {
    const d = await exploreDepthFirst(refining(halves({ skip: true })), { maxDepth: 5 });
    expect(d.violation?.name).toBe('RefinesHours');
    const s = simulate(refining(halves({ skip: true })), { walks: 20, depth: 10, seed: 7 });
    expect(s.violation?.name).toBe('RefinesHours');
    const ok = simulate(refining(halves()), { walks: 20, depth: 30, seed: 7 });
    expect(ok.violation).toBeNull();
  });
});
