// One explorer worker thread: builds its own copy of the model, expands its share of each BFS level,
// and dedups through the shared fingerprint set. It holds its frontier and its parent records.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander } from './expand.ts';
import { buildFrom, buildWith, type ModelFactory } from './factory.ts';
import { ParentLog } from './parents.ts';
import { SpillQueue } from './queue.ts';
import { SharedFingerprintSet, type SharedFingerprintBuffers } from './shared-fingerprints.ts';
import { thawer } from './speed/thaw.ts';
import type { ToMain, ToWorker } from './workers/messages.ts';
import type { WorkerSettings } from './workers/start.ts';

interface Data extends WorkerSettings {
  readonly factory: ModelFactory;
  readonly index: number;
  readonly workers: number;
  readonly buffers: SharedFingerprintBuffers;
  /** [0]: stop requested; then per worker its counters and steal request (workers/start.ts). */
  readonly signal: SharedArrayBuffer;
  /** A port to each other worker, by its index: stolen states go straight to the thief. */
  readonly peers: Readonly<Record<number, MessagePort>>;
}

const data = workerData as Data;
/** A worker hands over part of its level only when at least this many states are left. */
const MIN_STEAL = 64;

/**
 * Runs this worker thread: builds the model from the factory's module, already loaded (`loaded`,
 * when the thread runs a bundle that includes it) or imported now, and answers the main thread.
 */
export async function serve(loaded?: Readonly<Record<string, unknown>>): Promise<void> {
  if (parentPort === null) throw new Error('worker.ts runs only as a worker thread');
  const port = parentPort;
  try {
    const model = await (loaded === undefined ? buildFrom(data.factory) : buildWith(loaded, data.factory));
    const loop = new Loop(model, (m) => port.postMessage(m));
    port.on('message', (m: ToWorker) => loop.handle(m));
    // Another worker's states, stolen at this one's request ('expand' only).
    for (const peer of Object.values(data.peers)) peer.on('message', (m: ToWorker) => loop.handle(m));
    port.postMessage({ type: 'ready' } satisfies ToMain);
  } catch (e) {
    port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ToMain);
  }
}

/** A worker's frontier, next level, parent records and counters. */
class Loop<S> {
  private seen = new SharedFingerprintSet(data.buffers);
  private readonly stop = new Int32Array(data.signal, 0, 1);
  // Each worker's counters on a cache line of their own (no false sharing), then its steal request.
  private readonly stats = new Float64Array(data.signal, 64 * (data.index + 1), 2);
  private readonly stealRequest = new Int32Array(data.signal, 64 * (data.index + 1) + 16, 1);
  private sinceStats = 0;
  private readonly log = new ParentLog();
  private readonly thaw = thawer<S>(data.speed);
  private frontier: SpillQueue<S> = this.queue();
  private next: SpillQueue<S> = this.queue();
  private level: Generator<readonly [S, number]> | null = null;
  private spilled = 0;
  private readonly x: Expander<S, Tagged>;
  private readonly post: (m: ToMain) => void;

  constructor(model: Model<S, Tagged>, post: (m: ToMain) => void) {
    this.post = post;
    const W = data.workers;
    this.x = new Expander(model, {
      add: (hi, lo) => this.seen.add(hi, lo),
      record: (from, action) => data.base + this.log.add(from, action) * W + data.index,
      push: (t, id) => this.next.push(t, id),
    }, data.deadlock ?? model.checkDeadlock ?? true, { symmetry: data.symmetry, speed: data.speed });
  }

  private queue(): SpillQueue<S> {
    return new SpillQueue<S>(data.spillStates, data.spillDirectory, this.thaw);
  }

  private report(): void {
    this.seen.flush();
    this.stats[0] = this.x.generated;
    this.stats[1] = (this.stats[1] as number) + this.sinceStats;
    this.sinceStats = 0;
  }

  // States from another thread join this worker's frontier.
  private accept(states: readonly unknown[], ids: readonly number[]): void {
    for (let k = 0; k < states.length; k++) {
      const s = states[k] as S;
      this.frontier.push(this.thaw === undefined ? s : this.thaw(s), ids[k] as number);
    }
  }

  // An idle worker asked for part of this one's level (the main thread set the flag to its index
  // plus one): send it the states directly, tell the main thread how many, once.
  private answerSteal(): void {
    const asked = Atomics.load(this.stealRequest, 0);
    if (asked === 0 || Atomics.compareExchange(this.stealRequest, 0, asked, 0) !== asked) return;
    const thief = asked - 1;
    const { states, ids } = this.frontier.stealFromDrain(MIN_STEAL);
    if (states.length > 0) (data.peers[thief] as MessagePort).postMessage({ type: 'expand', states, ids } satisfies ToWorker);
    this.post({ type: 'stolen', count: states.length, thief });
  }

  // Expands what is left of this level into `next`; the main thread says when the level is over.
  private expandLevel(): void {
    this.level ??= this.frontier.drain();
    for (;;) {
      if (this.seen.growRequested || Atomics.load(this.stop, 0) !== 0) {
        this.report();
        return this.post({ type: 'paused' });
      }
      if (Atomics.load(this.stealRequest, 0) !== 0) this.answerSteal();
      const item = this.level.next();
      if (item.done === true) break;
      const found = this.x.expand(item.value[0], item.value[1]);
      if ((++this.sinceStats & 63) === 0) this.report();
      if (found !== null) {
        this.report();
        return this.post({ type: 'violation', found });
      }
    }
    this.report();
    this.level = null;
    this.post({ type: 'done', fresh: this.next.length, generated: this.x.generated, witnesses: this.x.witnesses, spilled: this.spilled + this.frontier.spilledTotal + this.next.spilledTotal });
  }

  handle(m: ToWorker): void {
    switch (m.type) {
      case 'level':
        return this.expandLevel();
      case 'expand':
        // States taken from another worker's level (sent by it): expanded into this worker's next level.
        this.accept(m.states, m.ids);
        return this.expandLevel();
      case 'advance':
        this.spilled += this.frontier.spilledTotal;
        this.frontier.close();
        this.frontier = this.next;
        this.next = this.queue();
        return;
      case 'table':
        this.seen = new SharedFingerprintSet(m.buffers);
        return;
      case 'give':
        return this.post({ type: 'given', ...this.frontier.takeNewest(m.count) });
      case 'take':
        this.accept(m.states, m.ids);
        return this.post({ type: 'taken' });
      case 'close':
        this.frontier.close();
        this.next.close();
        return this.post({ type: 'closed' });
      case 'parents':
        return this.post({ type: 'parents', parent: this.log.parent.slice(0, this.log.count), via: this.log.via.slice(0, this.log.count) });
    }
  }
}
