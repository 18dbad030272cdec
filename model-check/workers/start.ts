// Starting the explorer workers: one thread each, a channel between every two (stolen states go
// straight from one to the other), shared flags, and the code they run (a bundle, else tsx).
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ModelFactory } from '../factory.ts';
import type { SharedFingerprintBuffers } from '../shared-fingerprints.ts';
import { workerBundle } from '../worker-bundle.ts';
import { Pool } from './pool.ts';

/** What every worker is told at its start. */
export interface WorkerSettings {
  readonly deadlock: boolean | undefined;
  readonly symmetry: boolean;
  readonly speed: boolean;
  readonly spillStates: number;
  readonly spillDirectory: string | undefined;
  /** Ids below this are the main thread's (the levels it explored before the workers came in). */
  readonly base: number;
  readonly bundle: boolean;
}

/** The started workers and the flags they share with the main thread. */
export interface Workers {
  readonly pool: readonly Pool[];
  /** [0]: stop flag; worker w's counters at byte 64 * (w + 1), one cache line each. */
  readonly signal: SharedArrayBuffer;
  readonly stop: Int32Array;
  readonly stealRequest: readonly Int32Array[];
  /** Worker w's counter k (0: generated, 1: expanded). */
  stat(w: number, k: number): number;
}

/** Starts `n` workers that build their model from `factory` and share the table in `buffers`. */
export async function startWorkers(factory: ModelFactory, n: number, buffers: SharedFingerprintBuffers, s: WorkerSettings): Promise<Workers> {
  const ids = Array.from({ length: n }, (_, w) => w);
  const signal = new SharedArrayBuffer(64 * (n + 1));
  const peers: Record<number, MessagePort>[] = ids.map(() => ({}));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const { port1, port2 } = new MessageChannel();
      (peers[i] as Record<number, MessagePort>)[j] = port1;
      (peers[j] as Record<number, MessagePort>)[i] = port2;
    }
  }
  const script = s.bundle ? await workerBundle(factory) : null;
  const pool = ids.map((index) => new Pool(new Worker(script ?? new URL('../worker.mjs', import.meta.url), {
    eval: script !== null,
    // A worker's default young generation is small for an allocation-heavy loop: scavenges made a
    // lone worker slower than the main thread on the same work.
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
    workerData: { factory, index, workers: n, buffers, signal, peers: peers[index], ...s },
    transferList: Object.values(peers[index] as Record<number, MessagePort>),
  })));
  const stats = new Float64Array(signal);
  return {
    pool, signal,
    stop: new Int32Array(signal, 0, 1),
    stealRequest: ids.map((w) => new Int32Array(signal, 64 * (w + 1) + 16, 1)),
    stat: (w, k) => stats[8 * (w + 1) + k] as number,
  };
}
