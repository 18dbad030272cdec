// A trace as the model's own states and actions, found again by stepping the model: the states and
// action objects behind a printed trace (for writing it as ITF or TLA+), and the check that every
// step of it is a step of the model.
import { canonical, type Model, type Tagged } from '../src/core/index.ts';
import type { TraceStep } from './trace.ts';

/** A behaviour: `actions[k]` led to `states[k]`; `actions[0]` is null (an initial state). */
export interface Path<S, A> {
  readonly states: readonly S[];
  readonly actions: readonly (A | null)[];
}

/** Thrown when no initial state or no successor of the model matches a step of the trace. */
export class ReplayError extends Error {
  /** The 0-based index of the first state no step of the model explains. */
  readonly index: number;
  constructor(index: number, message: string) {
    super(message);
    this.index = index;
  }
}

/**
 * Steps `model` along `trace`: the initial state with the trace's first variables, then at each
 * step the action the trace names whose successor has the trace's variables. Throws `ReplayError`
 * at the first state that no initial state or no successor explains.
 */
export function pathOf<S, A extends Tagged>(model: Model<S, A>, trace: readonly TraceStep[]): Path<S, A> {
  const first = trace[0];
  if (first === undefined) throw new ReplayError(0, 'the trace is empty');
  const want0 = canonical(first.variables);
  const s0 = model.init().find((s) => canonical(model.variables(s)) === want0);
  if (s0 === undefined) throw new ReplayError(0, 'state 1 is not an initial state of the model');
  const states: S[] = [s0];
  const actions: (A | null)[] = [null];
  for (let k = 1; k < trace.length; k++) {
    const step = trace[k] as TraceStep;
    const s = states[k - 1] as S;
    const want = canonical(step.variables);
    const hit = successors(model, s).find(([a, t]) => (step.action === null || model.describe(a) === step.action) && canonical(model.variables(t)) === want);
    if (hit === undefined) throw new ReplayError(k, `state ${k + 1} (${step.action ?? 'no action'}) is not a successor of state ${k} in the model`);
    actions.push(hit[0]);
    states.push(hit[1]);
  }
  return { states, actions };
}

/** Every enabled action of `s` with its successor, in the model's order. */
export function successors<S, A extends Tagged>(model: Model<S, A>, s: S): (readonly [A, S])[] {
  const out: (readonly [A, S])[] = [];
  for (const a of model.actions(s)) {
    const t = model.next(s, a);
    if (t !== null) out.push([a, t]);
  }
  return out;
}

/**
 * An action as a name and its parameters: a composed model's `Internal(i, a)` is `a`'s name with
 * `i` and `a`'s fields; a message action (`Receive`, `DropMessage`, `DuplicateMessage`) has `m`; a
 * spec-level action its own fields.
 */
export function actionParts(a: Tagged): { readonly name: string; readonly params: Readonly<Record<string, unknown>> } {
  const o = a as Tagged & Readonly<Record<string, unknown>>;
  const inner = o['a'];
  if (o.type === 'Internal' && typeof inner === 'object' && inner !== null && 'type' in inner) {
    const { type, ...rest } = inner as Tagged & Record<string, unknown>;
    return { name: type, params: { i: o['i'], ...rest } };
  }
  if ((o.type === 'Receive' || o.type === 'DropMessage' || o.type === 'DuplicateMessage') && 'key' in o) return { name: o.type, params: { m: o['m'] } };
  const { type, ...rest } = o;
  return { name: type, params: rest };
}
