// Breadth-first exhaustive exploration in one thread, TLC-style: dedup by fingerprint, TLC's
// constraint semantics, invariants on every state, action properties on every transition, and
// shortest counterexamples.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, type Found } from './expand.ts';
import { expandLevel, type LevelCounts } from './level.ts';
import type { ModelFactory } from './factory.ts';
import { FingerprintSet } from './fingerprint.ts';
import { NO_PARENT, ParentLog, rebuild } from './parents.ts';
import { SpillQueue } from './queue.ts';
import { Run, type ExploreOptions, type ExploreResult, type Violation } from './run.ts';
import { thawer } from './speed/thaw.ts';
import { traceOf } from './trace.ts';

export type { ExploreOptions, ExploreResult, Progress, Violation } from './run.ts';

const DEFAULT_SPILL = 1_000_000;
const PARALLEL_FROM = 20_000;

/** Options of `exploreParallel`: those of `explore`, and when the workers come in. */
export interface ParallelOptions extends ExploreOptions {
  /** The workers take over at the first level with at least this many states (default 20,000). */
  readonly parallelFrom?: number;
}

/** The search so far, handed over at the first level of `Workers.from` states. */
export interface HandOver {
  readonly run: Run;
  readonly seen: FingerprintSet;
  readonly log: ParentLog;
  readonly states: readonly (readonly [unknown, number])[];
  readonly witnesses: Readonly<Record<string, boolean>>;
  readonly generated: number;
  readonly depth: number;
  readonly expanded: number;
  readonly spilled: number;
}

/** Workers that take the search over from a level of `from` states on (parallel.ts). */
export interface Workers {
  readonly count: number;
  readonly from: number;
  take(h: HandOver): Promise<ExploreResult>;
}

/** `count` workers building the model from `factory`; their code loads only if a level is large enough. */
export function workersFor(factory: ModelFactory, count: number, opts: ParallelOptions, model: Model<unknown, Tagged>): Workers {
  return { count, from: Math.max(opts.parallelFrom ?? PARALLEL_FROM, 1), take: async (h) => (await import('./parallel.ts')).together(factory, count, opts, model, h) };
}

/**
 * Explores every state of `model` reachable within its constraint, breadth-first, in this thread,
 * or with `workers` (2 or more) in this thread until a level is large enough, then over them.
 */
export async function explore<S, A extends Tagged>(model: Model<S, A>, opts: ExploreOptions = {}, workers?: Workers): Promise<ExploreResult> {
  const run = new Run(opts);
  const seen = new FingerprintSet();
  const log = new ParentLog();
  const thaw = thawer<S>(opts.speed);
  const queue = (): SpillQueue<S> => new SpillQueue<S>(opts.spillStates ?? DEFAULT_SPILL, opts.spillDirectory, thaw);
  let next = queue();
  const x = new Expander(model, { add: (hi, lo) => seen.add(hi, lo), record: (from, action) => log.add(from, action), push: (t, id) => next.push(t, id) },
    opts.deadlock ?? model.checkDeadlock ?? true, { symmetry: opts.symmetry ?? false, speed: opts.speed ?? true });
  let depth = 0;
  const c: LevelCounts = { expanded: 0, spilled: 0 };
  const finish = (violation: Violation | null, incomplete: string | null): ExploreResult => {
    next.close();
    return run.result({ distinct: seen.size, generated: x.generated, depth, fingerprintBytes: seen.bytes, workers: workers?.count ?? 1, expandedBy: [c.expanded],
      spilledStates: c.spilled + next.spilledTotal, stolenStates: 0, violation, witnesses: x.witnesses }, incomplete);
  };
  const traced = (found: Found): Violation => {
    const lookup = (id: number) => [log.parent[id] as number, log.via[id] as number] as const;
    return { kind: found.kind, name: found.name, trace: rebuild(model, lookup, found.from, found.action) };
  };

  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) return finish({ kind: 'invariant', name: start.broken.name, trace: traceOf(model, [inits[start.broken.k] as S], [null]) }, null);
  for (const k of start.kept) {
    next.push(inits[k] as S, log.add(NO_PARENT, k));
    x.note(inits[k] as S);
  }
  while (next.length > 0) {
    if (workers !== undefined && workers.count > 1 && next.length >= workers.from) {
      const h = { run, seen, log, states: [...next.drain()], witnesses: x.witnesses, generated: x.generated, depth, expanded: c.expanded, spilled: c.spilled + next.spilledTotal };
      next.close();
      return workers.take(h);
    }
    depth++;
    const frontier = next;
    next = queue();
    const end = expandLevel(frontier, c, run, (s, sid) => x.expand(s, sid), (left) => ({ distinct: seen.size, generated: x.generated, depth, queue: left + next.length }));
    if (end !== null) return 'found' in end ? finish(traced(end.found), null) : finish(null, end.stop);
  }
  return finish(null, null);
}
