// A refinement mapping (TLA+: `A == INSTANCE Spec WITH var <- expr`, checked as `PROPERTY A!Spec`):
// every initial state maps to an initial state of the abstract spec, every step to a stutter or a
// step of its Next.
import type { Model, Tagged } from './model.ts';
import type { Global } from './protocol.ts';

/**
 * A history variable (Abadi and Lamport's auxiliary variable): what the mapping may read besides the
 * state, such as every message ever sent. It lives beside each state and not in it, as an MC module
 * adds it and leaves it out of its VIEW: it changes neither the distinct states nor what is explored.
 */
export interface History<S, H> {
  /** Its value in initial state `s`. */
  init(s: S): H;
  /** Its value after the step `s -> t`, from its value `h` in `s`. */
  next(h: H, s: S, t: S): H;
}

/**
 * That a model implements the abstract `spec` under the mapping `map`. The checker reports it as the
 * action property `Refines<name>` (e.g. `RefinesPaxos`), with the shortest trace to the first step whose
 * image is neither a stutter nor a step of `spec`.
 */
export interface Refinement<S, T, B extends Tagged, H> {
  /** The abstract spec's name, e.g. `Paxos`. */
  readonly name: string;
  readonly spec: Model<T, B>;
  readonly history: History<S, H>;
  /** The refinement mapping: the abstract state that `s`, with history `h`, implements. Plain data in
   *  the spec's own representation (sets as the spec sorts them), compared by canonical text. */
  map(s: S, h: H): T;
}

/** A refinement with its abstract types erased, as a `Model` holds it. */
export type SomeRefinement<S> = Refinement<S, unknown, Tagged, unknown>;

/** Erases the abstract types of `r` (checked here, where they are known). */
export function refinement<S, T, B extends Tagged, H>(r: Refinement<S, T, B, H>): SomeRefinement<S> {
  return r as unknown as SomeRefinement<S>;
}

/** Every message ever sent, as entries `[key, message]` sorted by key (the bag's keys). */
export type Sent<M> = readonly (readonly [key: string, m: M])[];

/**
 * The history variable of a composed model: every message ever sent (raft.tla's history variables;
 * Paxos.tla's `msgs` never shrinks, a lossy network's bag does). A message in flight was sent, so
 * the messages of each state's network are added.
 */
export function messagesSent<S, M>(): History<Global<S, M>, Sent<M>> {
  const add = (h: Sent<M>, g: Global<S, M>): Sent<M> => {
    let out = h;
    for (const [key, m] of g.network) {
      let lo = 0;
      let hi = out.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((out[mid] as readonly [string, M])[0] < key) lo = mid + 1;
        else hi = mid;
      }
      if (out[lo]?.[0] !== key) out = out.toSpliced(lo, 0, [key, m]);
    }
    return out;
  };
  return { init: (s) => add([], s), next: (h, s, t) => (t.network === s.network ? h : add(h, t)) };
}
