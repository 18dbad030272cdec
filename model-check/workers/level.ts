// One BFS level over the workers: every worker expands its frontier; one that finishes early takes
// a third of what another has left (work stealing), until no share is worth moving. Workers pause
// for the shared table to grow and resume.
import type { Found } from '../expand.ts';
import type { SharedFingerprintSet, SharedFingerprintBuffers } from '../shared-fingerprints.ts';
import type { ToMain, ToWorker } from './messages.ts';
import type { Pool } from './pool.ts';

/** What a level needs from the run: the workers, the shared table and flags, the stop state. */
export interface LevelContext {
  readonly pool: readonly Pool[];
  readonly seen: SharedFingerprintSet;
  /** Per worker: the index plus one of the idle worker that asked for part of its level. */
  readonly stealRequest: readonly Int32Array[];
  readonly stop: Int32Array;
  readonly stopped: () => boolean;
  /** The table grew: its new buffers go to every worker. */
  readonly grown: (b: SharedFingerprintBuffers) => void;
}

/** What a level's end reports: its violations, and per worker the 'done' reply, stolen count. */
export interface LevelEnd {
  readonly found: Found[];
  readonly done: Map<number, Extract<ToMain, { type: 'done' }>>;
  stolen: number;
}

type Event = { readonly w: number; readonly r: ToMain };

/** Runs one level to its end; the workers are quiet when it returns. */
export async function runLevel(ctx: LevelContext): Promise<LevelEnd> {
  const { pool, stealRequest } = ctx;
  const running = new Map<number, Promise<Event>>();
  const thiefOf = new Map<number, number>();
  const steals = new Map<number, Promise<Event>>();
  const paused = new Set<number>();
  const idle = new Set<number>();
  const end: LevelEnd = { found: [], done: new Map(), stolen: 0 };
  const quiet = (): boolean => end.found.length > 0 || ctx.stopped();
  const ask = (w: number, m: ToWorker): void => {
    idle.delete(w);
    running.set(w, (pool[w] as Pool).ask(m).then((r) => ({ w, r })));
  };
  const steal = (thief: number): void => {
    if (quiet() || ctx.seen.growRequested || !idle.has(thief) || [...thiefOf.values()].includes(thief)) return;
    for (const v of running.keys()) {
      if (thiefOf.has(v)) continue;
      thiefOf.set(v, thief);
      steals.set(v, (pool[v] as Pool).stolen().then((r) => ({ w: v, r })));
      Atomics.store(stealRequest[v] as Int32Array, 0, thief + 1);
      return;
    }
  };
  const onStolen = (w: number, r: Extract<ToMain, { type: 'stolen' }>): void => {
    steals.delete(w);
    thiefOf.delete(w);
    if (r.count === 0) return;
    // The thief has the states and is working again (even if quiet: its reply must be read).
    end.stolen += r.count;
    idle.delete(r.thief);
    running.set(r.thief, (pool[r.thief] as Pool).next().then((x) => ({ w: r.thief, r: x })));
  };
  const onReply = (w: number, r: ToMain): void => {
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
      end.found.push(r.found);
      Atomics.store(ctx.stop, 0, 1);
    } else if (r.type === 'done') {
      end.done.set(w, r);
      idle.add(w);
      steal(w);
    } else throw new Error(`explorer worker said ${r.type} during a level`);
  };
  pool.forEach((_, w) => ask(w, { type: 'level' }));
  while (running.size + steals.size > 0) {
    const { w, r } = await Promise.race([...running.values(), ...steals.values()]);
    if (r.type === 'stolen') onStolen(w, r);
    else onReply(w, r);
    if (running.size + steals.size > 0 || paused.size === 0 || quiet()) continue;
    // Every worker is paused or idle: grow the table if asked, then carry on.
    if (ctx.seen.growRequested) ctx.grown(ctx.seen.grown());
    for (const q of paused) ask(q, { type: 'level' });
    paused.clear();
    for (const t of [...idle]) steal(t);
  }
  return end;
}
