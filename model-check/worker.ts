// One explorer worker thread: builds its own copy of the model, expands its share of each BFS level,
// and dedups through the shared fingerprint set. It holds its frontier and its parent records.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, type Found } from './expand.ts';
import { NO_PARENT, ParentLog } from './parents.ts';
import { SpillQueue } from './queue.ts';
import { SharedFingerprintSet, type SharedFingerprintBuffers } from './shared-fingerprints.ts';
import { buildFrom, buildWith, type ModelFactory } from './factory.ts';
import type { ToMain, ToWorker } from './parallel.ts';
import { thawer } from './speed/thaw.ts';

interface Data {
  readonly factory: ModelFactory;
  readonly index: number;
  readonly workers: number;
  readonly buffers: SharedFingerprintBuffers;
  /** [0]: stop requested; then per worker [generated, expanded] as float64 at 8 + 16w. */
  readonly signal: SharedArrayBuffer;
  /** A port to each other worker, by its index: stolen states go straight to the thief. */
  readonly peers: Readonly<Record<number, MessagePort>>;
  readonly deadlock: boolean | undefined;
  readonly symmetry: boolean;
  readonly speed: boolean;
  readonly spillStates: number;
  readonly spillDirectory: string | undefined;
}

const data = workerData as Data;
/**
 * A worker hands over part of its level only when at least this many states are left. Since the
 * states go straight to the thief, 64 kept workers busier than 256 (Raft setting C: 96.2-97.1% of
 * their time against 95.4-96.1%, three runs each), and 1024 did worse.
 */
const MIN_STEAL = 64;

/**
 * Runs this worker thread: builds the model from the factory's module, already loaded (`loaded`,
 * when the thread runs a bundle that includes it) or imported now, and answers the main thread.
 */
export async function serve(loaded?: Readonly<Record<string, unknown>>): Promise<void> {
  if (parentPort === null) throw new Error('worker.ts runs only as a worker thread');
  const port = parentPort;
  try {
    run(await (loaded === undefined ? buildFrom(data.factory) : buildWith(loaded, data.factory)), port);
  } catch (e) {
    port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ToMain);
  }
}

function run<S>(model: Model<S, Tagged>, port: MessagePort): void {
  const post = (m: ToMain): void => port.postMessage(m);
  const W = data.workers;
  const me = data.index;
  let seen = new SharedFingerprintSet(data.buffers);
  const stop = new Int32Array(data.signal, 0, 1);
  // Each worker's counters on a cache line of their own (no false sharing), then its steal request.
  const stats = new Float64Array(data.signal, 64 * (me + 1), 2);
  const stealRequest = new Int32Array(data.signal, 64 * (me + 1) + 16, 1);
  let sinceStats = 0;
  const log = new ParentLog();
  const intern = thawer<S>(data.speed);
  const queue = (): SpillQueue<S> => new SpillQueue<S>(data.spillStates, data.spillDirectory, intern);
  let frontier = queue();
  let next = queue();
  let level: Generator<readonly [S, number]> | null = null;
  let spilled = 0;
  const x = new Expander(model, {
    add: (hi, lo) => seen.add(hi, lo),
    record: (from, action) => log.add(from, action) * W + me,
    push: (t, id) => next.push(t, id),
  }, data.deadlock ?? model.checkDeadlock ?? true, { symmetry: data.symmetry, speed: data.speed });

  const report = (): void => {
    seen.flush();
    stats[0] = x.generated;
    stats[1] = (stats[1] as number) + sinceStats;
    sinceStats = 0;
  };

  // States from another thread join this worker's frontier.
  const accept = (states: readonly unknown[], ids: readonly number[]): void => {
    for (let k = 0; k < states.length; k++) {
      const s = states[k] as S;
      frontier.push(intern === undefined ? s : intern(s), ids[k] as number);
    }
  };

  // An idle worker asked for part of this one's level (the main thread set the flag to its index
  // plus one): send it the states directly, tell the main thread how many, once.
  const answerSteal = (): void => {
    const asked = Atomics.load(stealRequest, 0);
    if (asked === 0 || Atomics.compareExchange(stealRequest, 0, asked, 0) !== asked) return;
    const thief = asked - 1;
    const { states, ids } = frontier.stealFromDrain(MIN_STEAL);
    if (states.length > 0) (data.peers[thief] as MessagePort).postMessage({ type: 'expand', states, ids } satisfies ToWorker);
    post({ type: 'stolen', count: states.length, thief });
  };

  // Expands what is left of this level into `next`; the main thread says when the level is over.
  const expandLevel = (): void => {
    level ??= frontier.drain();
    for (;;) {
      if (seen.growRequested || Atomics.load(stop, 0) !== 0) {
        report();
        post({ type: 'paused' });
        return;
      }
      if (Atomics.load(stealRequest, 0) !== 0) answerSteal();
      const item = level.next();
      if (item.done === true) break;
      const found: Found | null = x.expand(item.value[0], item.value[1]);
      sinceStats++;
      if ((sinceStats & 63) === 0) report();
      if (found !== null) {
        report();
        post({ type: 'violation', found });
        return;
      }
    }
    report();
    level = null;
    post({ type: 'done', fresh: next.length, generated: x.generated, witnesses: x.witnesses, spilled: spilled + frontier.spilledTotal + next.spilledTotal });
  };

  const handle = (m: ToWorker): void => {
    switch (m.type) {
      case 'init':
        for (const k of m.initial) {
          const s = model.init()[k] as S;
          frontier.push(s, log.add(NO_PARENT, k) * W + me);
          x.note(s);
        }
        seen.flush();
        post({ type: 'done', fresh: frontier.length, generated: 0, witnesses: x.witnesses, spilled: 0 });
        return;
      case 'level':
        expandLevel();
        return;
      case 'expand':
        // States taken from another worker's level (sent by it): expanded into this worker's next level.
        accept(m.states, m.ids);
        expandLevel();
        return;
      case 'advance':
        spilled += frontier.spilledTotal;
        frontier.close();
        frontier = next;
        next = queue();
        return;
      case 'table':
        seen = new SharedFingerprintSet(m.buffers);
        return;
      case 'give': {
        const { states, ids } = frontier.takeNewest(m.count);
        post({ type: 'given', states, ids });
        return;
      }
      case 'take':
        accept(m.states, m.ids);
        post({ type: 'taken' });
        return;
      case 'close':
        frontier.close();
        next.close();
        post({ type: 'closed' });
        return;
      case 'parents':
        post({ type: 'parents', parent: log.parent.slice(0, log.count), via: log.via.slice(0, log.count) });
        return;
    }
  };
  port.on('message', handle);
  // Another worker's states, stolen at this one's request ('expand' only).
  for (const peer of Object.values(data.peers)) peer.on('message', handle);
  post({ type: 'ready' });
}
