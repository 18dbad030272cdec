// The liveness check on toy models only (no protocol): the three forms, weak against strong
// fairness, the lasso's shape (TLC's "Back to state N"), the view, and TLC's treatment of steps the
// constraint prunes (they stay enabled, so no lasso stutters at a bound).
import { describe, expect, it } from 'vitest';
import type { Fairness, Model, TemporalProperty } from '../../../src/core/index.ts';
import { checkLiveness, formatLasso } from '../../../model-check/liveness/index.ts';
import { formatTrace } from '../../../model-check/index.ts';

type St = { readonly x: number; readonly y: number };
type Act = { readonly type: string };

/** A toy: named actions as guarded functions of (x, y). */
function toy(name: string, acts: Record<string, (s: St) => St | null>, extra: Partial<Model<St, Act>>): Model<St, Act> {
  return {
    name,
    init: () => [{ x: 0, y: 0 }],
    actions: () => Object.keys(acts).map((type) => ({ type })),
    next: (s, a) => (acts[a.type] as (s: St) => St | null)(s),
    invariants: {},
    actionProperties: {},
    witnesses: {},
    variables: (s) => ({ x: s.x, y: s.y }),
    describe: (a) => a.type,
    ...extra,
  };
}

const prop = (kind: TemporalProperty<St>['kind'], p: (s: St) => boolean, q?: (s: St) => boolean): TemporalProperty<St> =>
  ({ kind, p, ...(q ? { q } : {}), formula: kind });
const weak = (action: string): Fairness => ({ action, kind: 'weak' });
const strong = (action: string): Fairness => ({ action, kind: 'strong' });

// x: 0 <-> 1 by Flip; Go (only from x = 0) sets y = 1 for good.
const flipGo = (fairness: Fairness[]) => toy('FlipGo', {
  Flip: (s) => (s.y === 0 ? { x: 1 - s.x, y: 0 } : null),
  Go: (s) => (s.x === 0 && s.y === 0 ? { x: s.x, y: 1 } : null),
}, { fairness, temporal: { Done: prop('eventually', (s) => s.y === 1), Often: prop('infinitely-often', (s) => s.x === 1), ZeroToDone: prop('leads-to', (s) => s.x === 1, (s) => s.y === 1) } });

describe('liveness: fair cycles', () => {
  it('<>P fails by stuttering at Init when no action is fair', () => {
    const r = checkLiveness(flipGo([]), { properties: ['Done'] });
    expect(r.verdict).toBe('violation');
    const l = r.properties[0]?.lasso;
    expect(l?.trace.length).toBe(1);
    expect(l?.back).toBeNull();
    expect(formatLasso(l!, formatTrace)).toContain('2: Stuttering');
  });

  it('weak fairness of Go admits the cycle Flip, Flip (Go is disabled at x = 1): a lasso back to state 1', () => {
    const r = checkLiveness(flipGo([weak('Flip'), weak('Go')]), { properties: ['Done'] });
    const l = r.properties[0]?.lasso;
    expect(r.verdict).toBe('violation');
    expect(l?.trace.map((t) => t.action)).toEqual([null, 'Flip']);
    expect(l?.backTo).toBe(1);
    expect(l?.back).toBe('Flip');
    expect(formatLasso(l!, formatTrace)).toMatch(/3: Back to state 1: Flip$/);
  });

  it('strong fairness of Go (enabled infinitely often on that cycle) makes <>P hold', () => {
    const r = checkLiveness(flipGo([weak('Flip'), strong('Go')]), { properties: ['Done'] });
    expect(r.verdict).toBe('ok');
    expect(r.properties[0]?.distinct).toBe(3);
  });

  it('[]<>P: Go then stuttering leaves x = 1 for ever under weak fairness; P ~> Q fails from x = 1', () => {
    const often = checkLiveness(flipGo([weak('Flip'), weak('Go')]), { properties: ['Often'] });
    expect(often.verdict).toBe('violation');
    expect(often.properties[0]?.lasso?.back).toBeNull(); // after Go nothing is enabled: stuttering is fair
    const leads = checkLiveness(flipGo([weak('Flip'), weak('Go')]), { properties: ['ZeroToDone'] });
    expect(leads.verdict).toBe('violation');
    expect(leads.properties[0]?.lasso?.trace.map((t) => t.action)).toEqual([null, 'Flip', 'Flip']);
    expect(leads.properties[0]?.lasso?.backTo).toBe(2);
  });
});

describe('liveness: bounds, assumptions and views', () => {
  // TLC on `Inc == x' = x + 1` with WF_x(Inc), CONSTRAINT x <= 3, PROPERTY <>(x = 10) reports no error.
  const counter = (fair: boolean, assume?: (s: St) => boolean) => toy('Counter', { Inc: (s) => ({ x: s.x + 1, y: s.y }) }, {
    constraint: (s) => s.x <= 3,
    fairness: fair ? [weak('Inc')] : [],
    temporal: { Ten: { kind: 'eventually', p: (s) => s.x === 10, formula: '<>(x = 10)', ...(assume ? { assume } : {}) } },
  });

  it('a fair step the constraint pruned stays enabled (as in TLC): no lasso stutters at the bound, and the refusal is counted', () => {
    const r = checkLiveness(counter(true));
    expect(r.verdict).toBe('ok');
    expect(r.properties[0]?.boundRejected).toBe(1);
    expect(r.properties[0]?.distinct).toBe(4);
  });

  it('without fairness the same bound admits stuttering at Init: the lasso is a real behaviour', () => {
    expect(checkLiveness(counter(false)).properties[0]?.lasso?.trace.length).toBe(1);
  });

  it('an assumption is not a bound: the step it excludes is not enabled, so stuttering at x = 2 is fair', () => {
    const r = checkLiveness(counter(true, (s) => s.x <= 2));
    expect(r.verdict).toBe('violation');
    const l = r.properties[0]?.lasso;
    expect(l?.trace.length).toBe(3);
    expect(l?.back).toBeNull();
    expect(r.properties[0]?.boundRejected).toBe(0);
  });

  it('a view makes a growing counter finite: the cycle Inc is a real behaviour whose x keeps growing', () => {
    const m = toy('Grow', { Inc: (s) => ({ x: s.x + 1, y: s.y }), Set: (s) => (s.y === 0 ? { x: s.x, y: 1 } : null) }, {
      normalize: (s) => ({ x: 0, y: s.y }),
      fairness: [weak('Inc')],
      temporal: { Set: prop('eventually', (s) => s.y === 1) },
    });
    const r = checkLiveness(m);
    expect(r.verdict).toBe('violation');
    expect(r.properties[0]?.distinct).toBe(2);
    expect(r.properties[0]?.lasso?.back).toBe('Inc');
    expect(r.properties[0]?.lasso?.backTo).toBe(1);
  });
});
