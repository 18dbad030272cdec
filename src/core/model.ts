// The shape of a TLA+ spec as the explorer sees it: Init, Next (split into action instances),
// INVARIANT, action PROPERTY, CONSTRAINT and SYMMETRY (as data).
import type { Shape } from './shape.ts';
import type { SomeRefinement } from './refinement.ts';
import type { Symmetry } from './symmetry.ts';
import type { Fairness, TemporalProperty, View } from './temporal.ts';

/** Anything with a TLA+ action or message name in `type`. */
export type Tagged = { readonly type: string };

/** A table of named things, in the order they are reported. */
export type Named<T> = Readonly<Record<string, T>>;

/**
 * A model in the shape of a TLA+ specification: the only thing the explorer knows.
 *
 * - `init()` lists the initial states (TLA+ `Init`).
 * - `actions(s)` lists candidate action instances in a deterministic order; `next(s, a)` returns the
 *   successor or `null` when the action's guard is false (TLA+: the disjunct of `Next` is not enabled).
 *   A step that changes nothing (a stutter) may return `s` itself: the explorer counts it as
 *   generated and checks the action properties on it, but neither hashes nor re-checks a state it
 *   has already visited.
 * - `invariants` are checked on every state, `actionProperties` on every transition `(s, t)`.
 * - `witnesses` are "sometimes" properties (stateright): each should hold in some reachable state, to
 *   show that the bounds still leave something to check.
 * - `constraint` has TLC's meaning: a successor violating it is generated and checked, but neither
 *   counted as distinct nor expanded.
 */
export interface Model<S, A extends Tagged> {
  readonly name: string;
  init(): readonly S[];
  actions(s: S): readonly A[];
  next(s: S, a: A): S | null;
  readonly invariants: Named<(s: S) => boolean>;
  readonly actionProperties: Named<(s: S, t: S) => boolean>;
  readonly witnesses: Named<(s: S) => boolean>;
  constraint?(s: S): boolean;
  /** Interchangeable values, if the model has any; used only when a check asks for symmetry. */
  readonly symmetry?: Symmetry<S>;
  /** The state as named spec variables, for printing traces (TLC prints `/\ var = value`). */
  variables(s: S): Readonly<Record<string, unknown>>;
  /** An action instance as TLC would name it, e.g. `Phase2a(1, v1)`. */
  describe(a: A): string;
  /** Whether a state with no successor is an error (TLC's deadlock check); default true. */
  readonly checkDeadlock?: boolean;
  /** The TLA+ type of each variable of `variables(s)`, for writing traces as ITF or TLA+. */
  readonly shape?: Shape;
  /** An abstract spec this model implements, checked as the action property `Refines<name>`. */
  readonly refines?: SomeRefinement<S>;
  /** TLC's VIEW: what of a state tells it apart from others (default: all of it). */
  view?(s: S): unknown;
  /** Temporal properties (TLC's PROPERTY), checked only when a liveness check asks for them. */
  readonly temporal?: Named<TemporalProperty<S>>;
  /** Fairness of named actions (the spec's WF_vars / SF_vars conjuncts), for the temporal properties. */
  readonly fairness?: readonly Fairness[];
  /** Normalises unbounded counters for the liveness check (a VIEW that TLC applies too; see `View`). */
  readonly normalize?: View<S>;
  /** The fairness instance an action belongs to (default: `describe(a)`), e.g. `Receive(s1->s2)`. */
  instance?(a: A): string;
  /** Which steps commute, for partial-order reduction (`check --por`): see `Independence`. */
  readonly independence?: Independence<A>;
}

/**
 * Steps of different owners commute and neither disables the other (docs/checking.md,
 * "Partial-order reduction"); `key` names an action instance stably across states.
 */
export interface Independence<A> {
  owner(a: A): string;
  key(a: A): string;
}
