// Iterative deepening depth-first search (Korf 1985; TLC's -dfid): the depth-bounded DFS of dfs.ts
// run with bounds 1, 2, 3, ..., each with a fresh table of the least depth each state was reached at
// (a state reached again higher up is expanded again). Memory is the stack and that table; the first
// violation is found in the iteration whose bound is its shortest trace, so its trace is shortest.
import type { Model, Tagged } from '../src/core/index.ts';
import { exploreDepthFirst } from './dfs.ts';
import { Run, type ExploreOptions, type ExploreResult } from './run.ts';

/** Options of `exploreIterativeDeepening`: those of every search, and the deepest bound to try. */
export interface IterativeOptions extends ExploreOptions {
  /** The last depth bound (states of a behaviour, the initial one counting as 1); default: none. */
  readonly maxDepth?: number;
  /** Called when an iteration ends, with its bound and its distinct states. */
  readonly onIteration?: (bound: number, distinct: number) => void;
}

/**
 * Runs depth-bounded DFS with bounds 1, 2, ... until a violation, a limit, or an iteration that
 * reaches no state the previous one did not (then every state is explored: verdict `ok`).
 * `generated` counts every iteration's successors; `depth` is the last bound.
 */
export async function exploreIterativeDeepening<S, A extends Tagged>(model: Model<S, A>, opts: IterativeOptions = {}): Promise<ExploreResult> {
  const t0 = performance.now();
  const run = new Run(opts);
  let generated = 0;
  let previous = -1;
  let last: ExploreResult | null = null;
  for (let bound = 1; bound <= (opts.maxDepth ?? Infinity); bound++) {
    const spent = (performance.now() - t0) / 1000;
    const maxSeconds = opts.maxSeconds === undefined ? {} : { maxSeconds: Math.max(1e-3, opts.maxSeconds - spent) };
    const r = await exploreDepthFirst(model, { ...opts, ...maxSeconds, maxDepth: bound });
    generated += r.generated;
    opts.onIteration?.(bound, r.distinct);
    const whole = { ...r, generated, depth: bound, seconds: (performance.now() - t0) / 1000 };
    last = { ...whole, statesPerSecond: whole.seconds > 0 ? r.distinct / whole.seconds : r.distinct };
    // A stopped iteration counts what the complete one before it reached, if that was more.
    if (r.verdict === 'incomplete') return { ...last, distinct: Math.max(r.distinct, previous) };
    if (r.verdict !== 'ok') return last;
    if (r.distinct === previous) return { ...last, depth: bound - 1 };
    // dfs.ts looks at the limits every 1,024 states: an iteration may end below that.
    const stop = run.stop(r.distinct);
    if (stop !== null) return { ...last, verdict: 'incomplete', incomplete: stop };
    previous = r.distinct;
  }
  // The bound ran out with new states still appearing: not exhaustive.
  return last === null ? emptyRun(opts) : { ...last, verdict: 'incomplete', incomplete: `stopped at depth bound ${opts.maxDepth ?? 0}` };
}

function emptyRun(opts: ExploreOptions): ExploreResult {
  return {
    verdict: 'incomplete', distinct: 0, generated: 0, depth: 0, seconds: 0, statesPerSecond: 0, peakRssBytes: process.memoryUsage.rss(), fingerprintBytes: 0,
    workers: 1, expandedBy: [0], symmetry: opts.symmetry ?? false, spilledStates: 0, stolenStates: 0, violation: null, witnesses: {}, incomplete: 'stopped at depth bound 0',
  };
}
