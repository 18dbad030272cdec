// One step of a walk: every successor of a state computed and checked, those inside the constraint
// kept with their swarm weight. Shared by the random walks and the guided search.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, Outcome } from './expand.ts';
import { actionKind } from './kinds.ts';
import type { Violation } from './run.ts';
import type { Weights } from './weights.ts';

/** The successors of one state that a walk may move to, reused from step to step. */
export class Inside<S, A> {
  readonly states: S[] = [];
  /** Each successor's fingerprint (hi, lo), as the sink last saw it. */
  readonly keys: number[] = [];
  readonly via: A[] = [];
  readonly weight: number[] = [];
  total = 0;
  /** Enabled actions (inside the constraint or not). */
  enabled = 0;
  /** What a successor broke, with the step to it. */
  bad: { kind: Violation['kind']; name: string; t: S; a: A } | null = null;
}

/** The fingerprint the expander's sink was last given: the walks' sinks record it here. */
export class LastKey {
  hi = 0;
  lo = 0;
  /** A sink's `add` that records the fingerprint and defers to `add`. */
  recording(add: (hi: number, lo: number) => boolean): (hi: number, lo: number) => boolean {
    return (hi, lo) => {
      this.hi = hi;
      this.lo = lo;
      return add(hi, lo);
    };
  }
}

/**
 * Fills `out` with the successors of `s` (fingerprint `key` = hi, lo) inside the constraint, leaving
 * out stutters (a successor equal to `s`, whether or not the speed layer made it the same object);
 * stops at the first one that breaks a property.
 */
export function successorsInside<S, A extends Tagged>(model: Model<S, A>, x: Expander<S, A>, s: S, key: readonly [number, number], last: LastKey, weights: Weights, out: Inside<S, A>): void {
  out.states.length = out.via.length = out.weight.length = out.keys.length = 0;
  out.total = out.enabled = 0;
  out.bad = null;
  const acts = model.actions(s);
  for (let k = 0; k < acts.length; k++) {
    const a = acts[k] as A;
    const t = model.next(s, a);
    if (t === null) continue;
    out.enabled++;
    const o = x.transition(s, t);
    if (o === Outcome.Broken) {
      out.bad = { ...x.brokenBy, t, a };
      return;
    }
    if (o === Outcome.Outside || t === s) continue; // a visited state is inside the constraint and may be walked through
    if (last.hi === key[0] && last.lo === key[1]) continue;
    const w = weights.of(actionKind(a));
    out.states.push(t);
    out.via.push(a);
    out.weight.push(w);
    out.keys.push(last.hi, last.lo);
    out.total += w;
  }
}
