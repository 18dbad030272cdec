// Breadth-first exploration over worker threads (--workers N). It starts in this thread and brings
// the workers in once a level is large enough to pay for them; level-synchronous, so depth and
// shortest traces are as in one thread, and one shared fingerprint set keeps the distinct count.
import type { Model, Tagged } from '../src/core/index.ts';
import { explore, workersFor, type HandOver, type ParallelOptions } from './bfs.ts';
import type { Found } from './expand.ts';
import { buildFrom, type ModelFactory } from './factory.ts';
import { ParentLog, rebuild } from './parents.ts';
import type { ExploreResult, Run, Violation } from './run.ts';
import { SharedFingerprintSet } from './shared-fingerprints.ts';
import { runLevel } from './workers/level.ts';
import type { ToMain } from './workers/messages.ts';
import { rebalance } from './workers/rebalance.ts';
import { startWorkers, type Workers } from './workers/start.ts';

export type { ToMain, ToWorker } from './workers/messages.ts';
export type { ParallelOptions } from './bfs.ts';

const DEFAULT_SPILL = 1_000_000;

/**
 * Explores like `explore`, with up to `workers` threads each building the model from `factory`.
 * `built` is this thread's copy (for the first levels and for traces), if the caller has one.
 */
export async function exploreParallel(factory: ModelFactory, workers: number, opts: ParallelOptions = {}, built?: Model<unknown, Tagged>): Promise<ExploreResult> {
  const model = built ?? (await buildFrom(factory));
  return explore(model, opts, workersFor(factory, workers, opts, model));
}

/** This thread's parent records: ids below `base` are its own. */
interface MainLog {
  readonly base: number;
  readonly log: ParentLog;
}

/** The levels from the hand-over on, over `count` workers: the visited set moves to shared memory. */
export async function together(factory: ModelFactory, count: number, opts: ParallelOptions, model: Model<unknown, Tagged>, h: HandOver): Promise<ExploreResult> {
  const buffers = SharedFingerprintSet.create(Math.max(1 << 16, 2 * h.seen.size));
  const seen = new SharedFingerprintSet(buffers);
  h.seen.forEach((hi, lo) => seen.add(hi, lo));
  seen.flush();
  const base = h.log.count;
  const w = await startWorkers(factory, count, buffers, {
    deadlock: opts.deadlock, symmetry: opts.symmetry ?? false, speed: opts.speed ?? true, spillStates: opts.spillStates ?? DEFAULT_SPILL, spillDirectory: opts.spillDirectory, base, bundle: opts.bundle !== false,
  });
  return levels(h.run, opts, model, w, seen, { base, log: h.log }, h);
}

/** The levels from the hand-over on, over the workers. */
async function levels(run: Run, opts: ParallelOptions, model: Model<unknown, Tagged>, w: Workers, seen: SharedFingerprintSet, main: MainLog, h: HandOver): Promise<ExploreResult> {
  const W = w.pool.length;
  const witnesses: Record<string, boolean> = { ...h.witnesses };
  let stopReason: string | null = null;
  let depth = h.depth + 1;
  let stolen = 0;
  let queue = h.expanded + h.states.length;
  const sizes: number[] = w.pool.map(() => 0);
  const spilledBy: number[] = w.pool.map(() => 0);
  const sum = (k: number, from: number): number => w.pool.reduce((a, _, i) => a + w.stat(i, k), from);
  const timer = setInterval(() => {
    stopReason ??= run.stop(seen.size);
    if (stopReason !== null) Atomics.store(w.stop, 0, 1);
    run.progress({ distinct: seen.size, generated: sum(0, h.generated), depth, queue: Math.max(0, queue - sum(1, h.expanded)) });
  }, Math.min(opts.progressIntervalMs ?? 2000, 500));
  const finish = async (violation: Violation | null): Promise<ExploreResult> => {
    clearInterval(timer);
    seen.flush();
    await Promise.all(w.pool.map((p) => p.ask({ type: 'close' })));
    await Promise.all(w.pool.map((p) => p.worker.terminate()));
    return run.result({ distinct: seen.size, generated: sum(0, h.generated), depth, fingerprintBytes: seen.bytes, workers: W,
      expandedBy: [h.expanded, ...w.pool.map((_, i) => w.stat(i, 1))], spilledStates: h.spilled + spilledBy.reduce((a, b) => a + b, 0), stolenStates: stolen, violation, witnesses }, stopReason);
  };
  const grown = (b: ReturnType<typeof SharedFingerprintSet.create>): void => w.pool.forEach((p) => p.tell({ type: 'table', buffers: b }));
  try {
    await Promise.all(w.pool.map((p) => p.expect('ready')));
    await Promise.all(w.pool.map((p, i) => p.ask({ type: 'take', states: h.states.filter((_, k) => k % W === i).map((e) => e[0]), ids: h.states.filter((_, k) => k % W === i).map((e) => e[1]) })));
    w.pool.forEach((_, i) => (sizes[i] = Math.ceil((h.states.length - i) / W)));
    for (;;) {
      const end = await runLevel({ pool: w.pool, seen, stealRequest: w.stealRequest, stop: w.stop, stopped: () => stopReason !== null, grown });
      stolen += end.stolen;
      for (const [i, r] of end.done) {
        sizes[i] = r.fresh;
        spilledBy[i] = r.spilled;
        for (const [name, hit] of Object.entries(r.witnesses)) if (hit) witnesses[name] = true;
      }
      const first = end.found[0];
      if (first !== undefined) return await finish(await violationOf(model, w, main, first));
      if (stopReason !== null) return await finish(null);
      if (seen.growRequested) grown(seen.grown());
      const fresh = sizes.reduce((a, b) => a + b, 0);
      queue += fresh;
      for (const p of w.pool) p.tell({ type: 'advance' });
      await rebalance(w.pool, sizes);
      if (fresh === 0) break;
      depth++;
    }
    return await finish(null);
  } catch (e) {
    clearInterval(timer);
    await Promise.all(w.pool.map((p) => p.worker.terminate()));
    throw e;
  }
}

/** The violation's trace, from the parent records of this thread and of every worker. */
async function violationOf(model: Model<unknown, Tagged>, w: Workers, main: MainLog, f: Found): Promise<Violation> {
  const W = w.pool.length;
  const logs = (await Promise.all(w.pool.map((p) => p.ask({ type: 'parents' })))) as Extract<ToMain, { type: 'parents' }>[];
  const { base, log: mine } = main;
  const lookup = (id: number): readonly [number, number] => {
    if (id < base) return [mine.parent[id] as number, mine.via[id] as number];
    const log = logs[(id - base) % W] as Extract<ToMain, { type: 'parents' }>;
    const local = Math.floor((id - base) / W);
    return [log.parent[local] as number, log.via[local] as number];
  };
  return { kind: f.kind, name: f.name, trace: rebuild(model, lookup, f.from, f.action) };
}
