// Breadth-first exploration over worker threads (--workers N). Level-synchronous, so depth and
// shortest traces are as in one thread; one shared fingerprint set, so the distinct count is too.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Model, Tagged } from '../src/core/index.ts';
import { Run, type ExploreOptions, type ExploreResult, type Violation } from './run.ts';
import { Expander, type Found } from './expand.ts';
import { buildFrom, type ModelFactory } from './factory.ts';
import { rebuild } from './parents.ts';
import { traceOf } from './trace.ts';
import { SharedFingerprintSet, type SharedFingerprintBuffers } from './shared-fingerprints.ts';
import { workerBundle } from './worker-bundle.ts';

/** Messages to a worker. */
export type ToWorker =
  | { readonly type: 'init'; readonly initial: readonly number[] }
  | { readonly type: 'level' }
  | { readonly type: 'expand'; readonly states: readonly unknown[]; readonly ids: readonly number[] }
  | { readonly type: 'advance' }
  | { readonly type: 'table'; readonly buffers: SharedFingerprintBuffers }
  | { readonly type: 'parents' }
  | { readonly type: 'give'; readonly count: number }
  | { readonly type: 'take'; readonly states: readonly unknown[]; readonly ids: readonly number[] }
  | { readonly type: 'close' };

/** Messages from a worker. */
export type ToMain =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly fresh: number; readonly generated: number; readonly witnesses: Readonly<Record<string, boolean>>; readonly spilled: number }
  | { readonly type: 'closed' }
  | { readonly type: 'given'; readonly states: readonly unknown[]; readonly ids: readonly number[] }
  | { readonly type: 'taken' }
  /** A steal answered: `count` states went straight to worker `thief` (as an 'expand'). */
  | { readonly type: 'stolen'; readonly count: number; readonly thief: number }
  | { readonly type: 'paused' }
  | { readonly type: 'violation'; readonly found: Found }
  | { readonly type: 'parents'; readonly parent: Uint32Array; readonly via: Uint32Array }
  | { readonly type: 'error'; readonly message: string };

/**
 * Explores like `explore`, with `workers` threads each building the model from `factory`. `built`
 * is this thread's copy (for initial states and traces), if the caller has one already.
 */
export async function exploreParallel(
  factory: ModelFactory,
  workers: number,
  opts: ExploreOptions = {},
  built?: Model<unknown, Tagged>,
): Promise<ExploreResult> {
  const run = new Run(opts);
  const model = built ?? (await buildFrom(factory));
  const W = workers;
  const workerIds = Array.from({ length: W }, (_, w) => w);
  let buffers = SharedFingerprintSet.create();
  const seen = new SharedFingerprintSet(buffers);
  // [0]: stop flag; worker w's counters at byte 64 * (w + 1), one cache line each, and its steal
  // request 16 bytes further on.
  const signal = new SharedArrayBuffer(64 * (W + 1));
  const stop = new Int32Array(signal, 0, 1);
  const stealRequest = workerIds.map((w) => new Int32Array(signal, 64 * (w + 1) + 16, 1));
  // A channel between every two workers: stolen states go from one to the other directly.
  const peers: Record<number, MessagePort>[] = workerIds.map(() => ({}));
  for (let i = 0; i < W; i++) {
    for (let j = i + 1; j < W; j++) {
      const { port1, port2 } = new MessageChannel();
      (peers[i] as Record<number, MessagePort>)[j] = port1;
      (peers[j] as Record<number, MessagePort>)[i] = port2;
    }
  }
  const script = opts.bundle === false ? null : await workerBundle(factory);
  const pool = Array.from({ length: W }, (_, index) => new Pool(new Worker(script ?? new URL('./worker.mjs', import.meta.url), {
    eval: script !== null,
    // A worker's default young generation is small for an allocation-heavy loop: scavenges made a
    // lone worker about a quarter slower than the main thread on the same work.
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
    workerData: { factory, index, workers: W, buffers, signal, peers: peers[index], deadlock: opts.deadlock, symmetry: opts.symmetry ?? false, speed: opts.speed ?? true, spillStates: opts.spillStates ?? 1_000_000, spillDirectory: opts.spillDirectory },
    transferList: Object.values(peers[index] as Record<number, MessagePort>),
  })));
  const witnesses: Record<string, boolean> = Object.fromEntries(Object.keys(model.witnesses).map((w) => [w, false]));
  let generated = 0;
  let depth = 0;
  let stopReason: string | null = null;
  const workerStats = new Float64Array(signal);
  const statAt = (w: number, k: number): number => workerStats[8 * (w + 1) + k] as number;
  let queue = 0;
  const spilledBy: number[] = pool.map(() => 0);
  /** Each worker's share of the next level (its last report), then after rebalancing. */
  const sizes: number[] = pool.map(() => 0);
  let spilled = 0;
  let stolen = 0;

  const timer = setInterval(() => {
    stopReason ??= run.stop(seen.size);
    if (stopReason !== null) Atomics.store(stop, 0, 1);
    let gen = generated;
    let expanded = 0;
    for (let w = 0; w < W; w++) {
      gen += statAt(w, 0);
      expanded += statAt(w, 1);
    }
    run.progress({ distinct: seen.size, generated: gen, depth, queue: Math.max(0, queue - expanded) });
  }, Math.min(opts.progressIntervalMs ?? 2000, 500));

  const finish = async (violation: Violation | null): Promise<ExploreResult> => {
    clearInterval(timer);
    seen.flush();
    await Promise.all(pool.map((p) => p.ask({ type: 'close' })));
    await Promise.all(pool.map((p) => p.worker.terminate()));
    return run.result({ distinct: seen.size, generated, depth, fingerprintBytes: seen.bytes, workers: W,
      expandedBy: pool.map((_, w) => statAt(w, 1)), spilledStates: spilled, stolenStates: stolen, violation, witnesses }, stopReason);
  };

  /**
   * Runs one BFS level to its end: every worker expands its frontier; one that finishes early takes
   * a third of what another has left (work stealing), until no share is worth moving. Workers pause
   * for the table to grow and resume. Returns the violations found (the workers are then quiet).
   */
  const runLevel = async (): Promise<Found[]> => {
    type Event = { readonly w: number; readonly r: ToMain };
    const running = new Map<number, Promise<Event>>();
    /** Victim -> the idle worker that asked for part of its level. */
    const thiefOf = new Map<number, number>();
    const steals = new Map<number, Promise<Event>>();
    const paused = new Set<number>();
    const idle = new Set<number>();
    const found: Found[] = [];
    const quiet = (): boolean => found.length > 0 || stopReason !== null;
    const ask = (w: number, m: ToWorker): void => {
      idle.delete(w);
      running.set(w, (pool[w] as Pool).ask(m).then((r) => ({ w, r })));
    };
    const steal = (thief: number): void => {
      if (quiet() || seen.growRequested || !idle.has(thief) || [...thiefOf.values()].includes(thief)) return;
      for (const v of running.keys()) {
        if (thiefOf.has(v)) continue;
        thiefOf.set(v, thief);
        steals.set(v, (pool[v] as Pool).stolen().then((r) => ({ w: v, r })));
        Atomics.store(stealRequest[v] as Int32Array, 0, thief + 1);
        return;
      }
    };
    for (const w of workerIds) ask(w, { type: 'level' });
    while (running.size + steals.size > 0) {
      const { w, r } = await Promise.race([...running.values(), ...steals.values()]);
      if (r.type === 'stolen') {
        steals.delete(w);
        thiefOf.delete(w);
        if (r.count > 0) {
          // The thief has the states and is working again (even if quiet: its reply must be read).
          stolen += r.count;
          idle.delete(r.thief);
          running.set(r.thief, (pool[r.thief] as Pool).next().then((x) => ({ w: r.thief, r: x })));
        }
        continue;
      }
      running.delete(w);
      // A request the worker never saw is withdrawn; one it took was answered before this reply.
      const thief = thiefOf.get(w);
      if (thief !== undefined && Atomics.compareExchange(stealRequest[w] as Int32Array, 0, thief + 1, 0) === thief + 1) {
        steals.delete(w);
        thiefOf.delete(w);
        (pool[w] as Pool).withdrawSteal();
        steal(thief);
      }
      if (r.type === 'paused') paused.add(w);
      else if (r.type === 'violation') {
        found.push(r.found);
        Atomics.store(stop, 0, 1);
      } else if (r.type === 'done') {
        sizes[w] = r.fresh;
        spilledBy[w] = r.spilled;
        merge(witnesses, [r]);
        idle.add(w);
        steal(w);
      } else throw new Error(`explorer worker said ${r.type} during a level`);
      if (running.size + steals.size === 0 && paused.size > 0 && !quiet()) {
        // Every worker is paused or idle: grow the table if asked, then carry on.
        if (seen.growRequested) {
          buffers = seen.grown();
          await Promise.all(pool.map((p) => p.tell({ type: 'table', buffers })));
        }
        for (const q of paused) ask(q, { type: 'level' });
        paused.clear();
        for (const t of [...idle]) steal(t);
      }
    }
    return found;
  };

  try {
    await Promise.all(pool.map((p) => p.expect('ready')));
    // The initial states: checked here, shared out round-robin.
    const x = new Expander(model, { add: (hi, lo) => seen.add(hi, lo), record: () => -1, push: () => undefined }, false, { symmetry: opts.symmetry ?? false, speed: opts.speed ?? true });
    const inits = model.init();
    const start = x.initial(inits);
    generated += x.generated;
    if (start.broken !== null) {
      return await finish({ kind: 'invariant', name: start.broken.name, trace: traceOf(model, [inits[start.broken.k]], [null]) });
    }
    const shares: number[][] = pool.map(() => []);
    start.kept.forEach((k, n) => (shares[n % W] as number[]).push(k));
    const n = start.kept.length;
    seen.flush();
    const initReplies = await Promise.all(pool.map((p, w) => p.ask({ type: 'init', initial: shares[w] as number[] })));
    shares.forEach((share, w) => (sizes[w] = share.length));
    queue = n;
    if (n > 0) depth = 1;
    merge(witnesses, initReplies);

    for (;;) {
      const found = await runLevel();
      const fresh = sizes.reduce((a, b) => a + b, 0);
      const first = found[0];
      if (first !== undefined) {
        const logs = await Promise.all(pool.map((p) => p.ask({ type: 'parents' })));
        const lookup = (id: number): readonly [number, number] => {
          const log = logs[id % W] as Extract<ToMain, { type: 'parents' }>;
          const local = Math.floor(id / W);
          return [log.parent[local] as number, log.via[local] as number];
        };
        generated += sumGenerated(statAt, W);
        return await finish({ kind: first.kind, name: first.name, trace: rebuild(model, lookup, first.from, first.action) });
      }
      if (stopReason !== null) {
        generated += sumGenerated(statAt, W);
        return await finish(null);
      }
      if (seen.growRequested) {
        buffers = seen.grown();
        await Promise.all(pool.map((p) => p.tell({ type: 'table', buffers })));
      }
      queue += fresh;
      for (const p of pool) p.tell({ type: 'advance' });
      await rebalance(pool, sizes);
      spilled = spilledBy.reduce((a, b) => a + b, 0);
      if (fresh === 0) break;
      depth++;
    }
    generated += sumGenerated(statAt, W);
    return await finish(null);
  } catch (e) {
    clearInterval(timer);
    await Promise.all(pool.map((p) => p.worker.terminate()));
    throw e;
  }
}

/**
 * Evens out the next level's frontiers when they are far apart: a worker keeps the states it
 * discovered, so without this a single initial state would leave every other worker idle. Surplus
 * states are moved (structured clone) from the fullest workers to the emptiest; the parent records
 * stay with their discoverer. A share of at least half the even one is left as it is: stealing
 * within the level evens it out while the other worker goes on working, where moving it here keeps
 * every worker waiting (workers were busy 91-94% of a Raft setting C run that way, 94-96% without).
 */
async function rebalance(pool: readonly Pool[], sizes: number[]): Promise<void> {
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = Math.ceil(total / pool.length);
  if (pool.length < 2 || total < 2 * pool.length || Math.min(...sizes) >= target / 2) return;
  const moved: { states: unknown[]; ids: number[] } = { states: [], ids: [] };
  for (let w = 0; w < pool.length; w++) {
    const surplus = (sizes[w] as number) - target;
    // Once moving, even the shares out: only tiny differences are not worth a copy.
    if (surplus <= Math.max(8, target / 64)) continue;
    const r = await (pool[w] as Pool).ask({ type: 'give', count: surplus });
    if (r.type !== 'given') throw new Error(`explorer worker said ${r.type}, expected given`);
    moved.states.push(...r.states);
    moved.ids.push(...r.ids);
    sizes[w] = (sizes[w] as number) - r.states.length;
  }
  for (let w = 0; w < pool.length && moved.states.length > 0; w++) {
    const need = Math.min(target - (sizes[w] as number), moved.states.length);
    if (need <= 0) continue;
    const states = moved.states.splice(moved.states.length - need);
    const ids = moved.ids.splice(moved.ids.length - need);
    await (pool[w] as Pool).ask({ type: 'take', states, ids });
    sizes[w] = (sizes[w] as number) + need;
  }
  if (moved.states.length > 0) {
    // Rounding left a few: give them back to the first worker.
    await (pool[0] as Pool).ask({ type: 'take', states: moved.states, ids: moved.ids });
  }
}

function sumGenerated(statAt: (w: number, k: number) => number, W: number): number {
  let g = 0;
  for (let w = 0; w < W; w++) g += statAt(w, 0);
  return g;
}

function merge(into: Record<string, boolean>, replies: readonly ToMain[]): void {
  for (const r of replies) if (r.type === 'done') for (const [w, hit] of Object.entries(r.witnesses)) if (hit) into[w] = true;
}

/** A worker with a reply queue: `ask` posts a message and resolves with the worker's next reply. */
class Pool {
  private readonly inbox: ToMain[] = [];
  private readonly waiters: ((m: ToMain) => void)[] = [];
  private failure: Error | null = null;
  private readonly failed: ((e: Error) => void)[] = [];
  readonly worker: Worker;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (m: ToMain) => {
      if (m.type === 'error') return this.fail(new Error(`explorer worker failed: ${m.message}`));
      if (m.type === 'stolen') {
        const h = this.onStolen;
        this.onStolen = null;
        // States nobody waits for would never be expanded: fail loudly rather than miscount.
        if (h === null) return this.fail(new Error('explorer worker sent states that no worker asked for'));
        return h(m);
      }
      const w = this.waiters.shift();
      if (w !== undefined) {
        this.failed.shift();
        w(m);
      } else this.inbox.push(m);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`explorer worker exited with code ${code}`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const f of this.failed.splice(0)) f(e);
    this.waiters.length = 0;
  }

  next(): Promise<ToMain> {
    const m = this.inbox.shift();
    if (m !== undefined) return Promise.resolve(m);
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiters.push(resolve);
      this.failed.push(reject);
    });
  }

  async expect(type: ToMain['type']): Promise<ToMain> {
    const m = await this.next();
    if (m.type !== type) throw new Error(`explorer worker said ${m.type}, expected ${type}`);
    return m;
  }

  private onStolen: ((m: ToMain) => void) | null = null;

  /** The worker's answer to a steal request (sent outside the ask/reply order). */
  stolen(): Promise<ToMain> {
    return new Promise((resolve) => (this.onStolen = resolve));
  }

  /** The steal request was withdrawn before the worker saw it: no answer will come. */
  withdrawSteal(): void {
    this.onStolen = null;
  }

  ask(m: ToWorker): Promise<ToMain> {
    this.worker.postMessage(m);
    return this.next();
  }

  tell(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
