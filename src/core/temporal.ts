// Temporal properties and fairness as data (TLC's PROPERTY with WF_vars / SF_vars conjuncts in the
// SPECIFICATION), declared next to the invariants; model-check/liveness checks them.

/** The three forms: `<>P`, `[]<>P` and `P ~> Q` (TLA+ `[](P => <>Q)`). */
export type TemporalKind = 'eventually' | 'infinitely-often' | 'leads-to';

/**
 * Fairness of a named action (TLA+ `WF_vars(A)` / `SF_vars(A)`), one condition per instance:
 * `action` is an action family as printed before its parameters (`Timeout`, `Receive`) or one
 * instance as printed (`Timeout(s1)`); each instance of the family is fair on its own
 * (`\A i : WF_vars(Timeout(i))`). Weak: an instance enabled forever from some point on is taken
 * infinitely often; strong: one enabled infinitely often is taken infinitely often.
 */
export interface Fairness {
  readonly action: string;
  readonly kind: 'weak' | 'strong';
}

/**
 * A temporal property over behaviours of the model: `p` (and `q` for leads-to) are state predicates.
 * `fairness`, when given, replaces the model's own; `assume`, when given, is an assumption on
 * behaviours (a CONSTRAINT conjunct of the property's TLC model): behaviours never enter a state
 * that violates it, and, unlike a bound, pruning it does not make a state "cut" (docs/liveness.md).
 */
export interface TemporalProperty<S> {
  readonly kind: TemporalKind;
  readonly p: (s: S) => boolean;
  readonly q?: (s: S) => boolean;
  /** One line: the formula as TLA+ writes it, e.g. `<>(\E i \in Server : state[i] = Leader)`. */
  readonly formula: string;
  readonly fairness?: readonly Fairness[];
  readonly assume?: (s: S) => boolean;
  /** An assumption on steps (TLA+ `[][Next /\ AssumeStep]_vars`, fairness of `A /\ AssumeStep`). */
  readonly assumeStep?: (s: S, t: S) => boolean;
}

/**
 * A view (TLC's VIEW) that makes unbounded counters finite: a normalisation of a state (terms or
 * ballots taken relative to the smallest live one) that commutes with every action, so that a cycle
 * of normalised states is a real behaviour whose counters keep growing. Liveness only.
 */
export type View<S> = (s: S) => S;
