// The shape of a TLA+ spec as the explorer sees it: Init, Next (split into action instances),
// INVARIANT, action PROPERTY, CONSTRAINT and a canonical view of a state.

/** Anything with a TLA+ action or message name in `type`. */
export type Tagged = { readonly type: string };

/** Takes a state's fingerprint as a stream of 32-bit words (the explorer's 64-bit hasher). */
export interface FingerprintSink {
  begin(seed: number): void;
  word(w: number): void;
  end(): void;
}

/** A renaming of interchangeable model values (TLC's SYMMETRY), e.g. `{ s1: 's2', s2: 's1' }`. */
export type Permutation = Readonly<Record<string, string>>;

/**
 * Interchangeable model values (TLC's `SYMMETRY Permutations(Server)`): the explorer stores one
 * state per class of states equal up to these renamings.
 */
export interface Symmetry<S> {
  /** Every renaming of the symmetric values, the identity included. */
  readonly permutations: readonly Permutation[];
  /** `s` with every symmetric value renamed by `p`, sets re-sorted so the result is canonical. */
  apply(s: S, p: Permutation): S;
  /**
   * Optional fast path: feeds the words that `Model.fingerprint` would feed for
   * `apply(s, permutations[k])`, without building that state.
   */
  fingerprint?(s: S, k: number, out: FingerprintSink): void;
}

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
 * - `encode(s)` is canonical: equal states give equal strings, whatever the key or set order.
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
  encode(s: S): string;
  /**
   * Optional fast path for the visited set: feeds `s` to the sink as words, between `begin` and
   * `end`. States with equal `encode` must give equal words; states with different ones should not.
   */
  fingerprint?(s: S, out: FingerprintSink): void;
  /**
   * Optional: an equal state built from objects this thread already holds where it can. The explorer
   * applies it to states that crossed threads or came back from disk, so that they share memory and
   * the model's per-object caches again; the state's value must not change.
   */
  intern?(s: S): S;
  /** Interchangeable values, if the model has any; used only when a check asks for symmetry. */
  readonly symmetry?: Symmetry<S>;
  /** The state as named spec variables, for printing traces (TLC prints `/\ var = value`). */
  variables(s: S): Readonly<Record<string, unknown>>;
  /** An action instance as TLC would name it, e.g. `Phase2a(1, v1)`. */
  describe(a: A): string;
  /** Whether a state with no successor is an error (TLC's deadlock check); default true. */
  readonly checkDeadlock?: boolean;
}
