// The refinement check (TLA+: `PROPERTY A!Spec` for `A == INSTANCE Spec WITH ...`): a model that
// declares `refines` is explored with its history variable beside each state, left out of the
// fingerprint (TLC's VIEW), and every transition's image must be a stutter or a step of the spec.
import { canonical, type Model, type SomeRefinement, type Tagged } from '../src/core/index.ts';

/** A state with the value of the refinement's history variable; `initial` marks an initial state. */
export interface Refined<S> {
  readonly s: S;
  readonly h: unknown;
  readonly initial?: true;
}

/** The action property a refinement is reported as, e.g. `RefinesPaxos`; null if `model` declares none. */
export function refinementName(model: Model<unknown, Tagged>): string | null {
  return model.refines === undefined ? null : `Refines${model.refines.name}`;
}

/**
 * `model` with states `Refined<S>` (each state with its history variable) and the action property
 * `Refines<name>` after its own; `model` itself when it declares no refinement. The explored states,
 * their counts and the order of the search are those of `model`: the view is the state alone. No
 * symmetry: the history is not renamed.
 */
export function refining<S, A extends Tagged>(model: Model<S, A>): Model<unknown, A> {
  const r = model.refines;
  if (r === undefined) return model as unknown as Model<unknown, A>;
  type R = Refined<S>;
  const on = <F extends (s: S) => boolean>(fs: Readonly<Record<string, F>>) => Object.fromEntries(Object.entries(fs).map(([k, f]) => [k, (p: R) => f(p.s)]));
  const image = imageOf(r);
  const wrapped: Model<R, A> = {
    name: model.name,
    describe: (a) => model.describe(a),
    init: () => model.init().map((s): R => ({ s, h: r.history.init(s), initial: true })),
    actions: (p) => model.actions(p.s),
    next: (p, a) => {
      const t = model.next(p.s, a);
      if (t === null) return null;
      return t === p.s ? p : { s: t, h: r.history.next(p.h, p.s, t) };
    },
    invariants: on(model.invariants),
    actionProperties: {
      ...Object.fromEntries(Object.entries(model.actionProperties).map(([k, f]) => [k, (p: R, q: R) => f(p.s, q.s)])),
      [`Refines${r.name}`]: stepRefines(r, image),
    },
    witnesses: on(model.witnesses),
    view: (p) => p.s,
    variables: (p) => ({ ...model.variables(p.s), ...prefixed(r.name, r.spec.variables(image(p).x)) }),
  };
  const deadlock = model.checkDeadlock === undefined ? {} : { checkDeadlock: model.checkDeadlock };
  const constraint = model.constraint;
  const out: Model<R, A> = constraint === undefined ? { ...wrapped, ...deadlock } : { ...wrapped, ...deadlock, constraint: (p: R) => constraint.call(model, p.s) };
  return out as unknown as Model<unknown, A>;
}

/** A state's image and its canonical text, computed once per state object. */
function imageOf<S>(r: SomeRefinement<S>): (p: Refined<S>) => { readonly x: unknown; readonly text: string } {
  const memo = new WeakMap<Refined<S>, { readonly x: unknown; readonly text: string }>();
  return (p) => {
    let m = memo.get(p);
    if (m === undefined) {
      const x = r.map(p.s, p.h);
      m = { x, text: canonical(x) };
      memo.set(p, m);
    }
    return m;
  };
}

/** `[Next]_vars` of the spec on the images of `p -> q`, and `Init` on the image of an initial `p`. */
function stepRefines<S>(r: SomeRefinement<S>, image: ReturnType<typeof imageOf<S>>): (p: Refined<S>, q: Refined<S>) => boolean {
  const spec = r.spec;
  let inits: Set<string> | undefined;
  return (p, q) => {
    const from = image(p);
    if (p.initial === true && !(inits ??= new Set(spec.init().map((x) => canonical(x)))).has(from.text)) return false;
    if (q === p) return true;
    const to = image(q).text;
    if (to === from.text) return true; // a stutter of the spec
    for (const b of spec.actions(from.x)) {
      const y = spec.next(from.x, b);
      if (y !== null && y !== from.x && canonical(y) === to) return true;
    }
    return false;
  };
}

/** The spec's variables as TLA+ names an instance's: `Paxos!msgs`. */
function prefixed(name: string, vars: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [`${name}!${k}`, v]));
}
