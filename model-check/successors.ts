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
  readonly via: A[] = [];
  readonly weight: number[] = [];
  total = 0;
  /** Enabled actions (inside the constraint or not). */
  enabled = 0;
  /** What a successor broke, with the step to it. */
  bad: { kind: Violation['kind']; name: string; t: S; a: A } | null = null;
}

/** Fills `out` with the successors of `s` inside the constraint; stops at the first one that breaks a property. */
export function successorsInside<S, A extends Tagged>(model: Model<S, A>, x: Expander<S, A>, s: S, weights: Weights, out: Inside<S, A>): void {
  out.states.length = out.via.length = out.weight.length = 0;
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
    const w = weights.of(actionKind(a));
    out.states.push(t);
    out.via.push(a);
    out.weight.push(w);
    out.total += w;
  }
}
