// Shortening a counterexample found by a search that is not breadth-first (guided, random): BFS over
// the model restricted to the action instances the behaviour took (as fast-check shrinks a failing
// walk to its needed steps). The result is the shortest behaviour made of those instances, a real
// behaviour from Init, not necessarily the shortest of the whole model. One round is enough: the
// instances of the shorter trace are a subset, and BFS over a smaller graph cannot find a shorter one.
import type { Model, Tagged } from '../src/core/index.ts';
import { explore } from './bfs.ts';
import type { Violation } from './run.ts';

/** Options of `shortenTrace`. */
export interface ShortenOptions {
  readonly speed?: boolean;
  /** Each restricted BFS stops after this many distinct states (default 2,000,000); the trace so far is kept. */
  readonly maxStates?: number;
}

/** What `shortenTrace` did. */
export interface Shortened {
  /** The shortest violation found, the given one if none was shorter. */
  readonly violation: Violation;
  /** Distinct states of the restricted BFS. */
  readonly distinct: number;
  readonly seconds: number;
  /** Action instances the restricted BFS allowed. */
  readonly actions: number;
  /** Why the restricted BFS did not finish (its state cap), or null. */
  readonly incomplete: string | null;
}

/**
 * The model whose actions are only the instances named in `allowed` (by `describe`), deliveries
 * (`Receive`) first: of traces of equal length BFS then tends to keep one that delivers a message a
 * handler kept before any other step, as a node loop does.
 */
export function restricted<S, A extends Tagged>(model: Model<S, A>, allowed: ReadonlySet<string>): Model<S, A> {
  return {
    ...model,
    actions: (s: S) => {
      const xs = model.actions(s).filter((a) => allowed.has(model.describe(a)));
      return [...xs.filter((a) => a.type === 'Receive'), ...xs.filter((a) => a.type !== 'Receive')];
    },
  };
}

/** Shortens `v`, a violation of `model` (a deadlock is returned as it is: a restriction makes new ones). */
export async function shortenTrace<S, A extends Tagged>(model: Model<S, A>, v: Violation, opts: ShortenOptions = {}): Promise<Shortened> {
  const t0 = performance.now();
  const allowed = new Set(v.trace.flatMap((t) => (t.action === null ? [] : [t.action])));
  const done = (violation: Violation, distinct: number, incomplete: string | null): Shortened =>
    ({ violation, distinct, seconds: (performance.now() - t0) / 1000, actions: allowed.size, incomplete });
  if (v.kind === 'deadlock') return done(v, 0, null);
  const r = await explore(restricted(model, allowed), { deadlock: false, speed: opts.speed ?? true, maxStates: opts.maxStates ?? 2_000_000 });
  const shorter = r.violation !== null && r.violation.trace.length < v.trace.length ? r.violation : v;
  return done(shorter, r.distinct, r.violation === null ? r.incomplete : null);
}
