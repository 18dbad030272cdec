// The trace log (docs/trace-validation.md): one JSON line per step a node takes, naming its input
// (a received message by sender and content digest, or the internal action), the messages it sent
// (each with the sender's send sequence number) and the node's resulting view. It knows the protocol
// only through `NodeRuntime`; `validate` checks the lines against the model.
import { createHash } from 'node:crypto';
import { canonical, snapshotDataRef } from '../core/index.ts';
import type { Message, NodeId, NodeRuntime, Receive, RuntimeSnapshot, Step, Tagged } from '../core/index.ts';
import type { NodeTrace, Storage } from './node.ts';

/** The header's `format` and `version`: the validator refuses any other. */
export const TRACE_FORMAT = 'consensus-checked/trace';
export const TRACE_VERSION = 1;

/** Where the lines go (a file, or memory in benchmarks). */
export interface TraceSink {
  write(text: string): void;
}

/** The first 16 hex digits of the SHA-256 of m's canonical JSON (keys sorted): a message's content identity. */
export function messageDigest(m: unknown): string {
  let text: string;
  try {
    text = canonical(m);
  } catch {
    // A field set to undefined is absent on the wire: digest what the peer decodes.
    text = canonical(JSON.parse(JSON.stringify(m)));
  }
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Digests of snapshot data already named (a snapshot is sent to many peers, and again after a loss). */
const dataDigests = new WeakMap<object, string>();

/** The digest that names a snapshot's data (computed once per data object). */
export function dataDigest(data: unknown): string {
  if (typeof data !== 'object' || data === null) return messageDigest(data);
  let d = dataDigests.get(data);
  if (d === undefined) {
    d = messageDigest(data);
    dataDigests.set(data, d);
  }
  return d;
}

/** A snapshot as a line names it: its position, the entry's id, and its data's digest. */
export const snapshotRef = (snap: RuntimeSnapshot) => ({ index: snap.index, id: snap.id, digest: dataDigest(snap.data) });

/** Where a buffer stood (see `mark`): the lines after it can be taken back until the next flush. */
export interface TraceMark {
  readonly length: number;
  readonly seq: number;
  readonly flushes: number;
}

/** Writes one node's events; lines are buffered until `flush` (before any message leaves or any durable write). */
export class TraceLog<S, A extends Tagged, M extends Message> {
  private readonly rt: NodeRuntime<S, A, M>;
  private readonly id: NodeId;
  private readonly sink: TraceSink;
  private buffer = '';
  /** The last send sequence number used (resumed from the file after a restart). */
  private seq: number;
  /** Clock for the informational `t` field (tests and benchmarks pass a fake one). */
  private readonly now: () => number;
  private flushes = 0;

  constructor(rt: NodeRuntime<S, A, M>, id: NodeId, sink: TraceSink, seq = 0, now: () => number = Date.now) {
    this.rt = rt;
    this.id = id;
    this.sink = sink;
    this.seq = seq;
    this.now = now;
  }

  /** The header line of a new file. */
  header(nodes: readonly NodeId[], extra: Readonly<Record<string, unknown>> = {}): void {
    const [protocol, variant] = this.rt.name.split('/');
    this.line({ format: TRACE_FORMAT, version: TRACE_VERSION, protocol, ...(variant === undefined ? {} : { variant }), node: this.id, nodes, ...extra });
  }

  /** The node (re)started in `state`, restored from `recovered` (null: a fresh node) and its snapshot file's `snapshot`. */
  restart(state: S, recovered: unknown, snapshot: RuntimeSnapshot | null = null): void {
    const snap = snapshot === null ? {} : { snapshot: snapshotRef(snapshot) };
    this.line({ node: this.id, kind: 'restart', t: this.now(), durable: recovered ?? null, ...snap, view: this.rt.view(state) });
  }

  /** One step the node took: the node loop's hook. */
  readonly step = (input: A | Receive<M>, before: S, r: Step<S, M>): void => {
    const sent = r.send.map((m) => ({ to: m.dest, seq: ++this.seq, type: m.type, digest: this.digest(m) }));
    const view = this.rt.view(r.state);
    if (input.type === 'Receive') {
      const m = (input as Receive<M>).m;
      this.line({ node: this.id, kind: 'receive', t: this.now(), from: m.source, type: m.type, digest: this.digest(m), sent, view });
      return;
    }
    const timer = this.timerOf(input as A, before);
    const kind = timer === null ? { kind: 'request' } : { kind: 'timer', timer };
    this.line({ node: this.id, ...kind, t: this.now(), action: input, sent, view });
  };

  /** The node compacted its log into its own durable snapshot `snap`, reaching `state`: the node loop's hook. */
  readonly compact = (snap: RuntimeSnapshot, state: S): void => {
    this.line({ node: this.id, kind: 'compact', t: this.now(), snapshot: snapshotRef(snap), view: this.rt.view(state) });
  };

  /** Where the log stands now, for `undo`. */
  readonly mark = (): TraceMark => ({ length: this.buffer.length, seq: this.seq, flushes: this.flushes });

  /** Takes back the lines since `at` (steps the node loop undid); false if they have left the buffer. */
  readonly undo = (at: TraceMark): boolean => {
    if (at.flushes !== this.flushes) return false;
    this.buffer = this.buffer.slice(0, at.length);
    this.seq = at.seq;
    return true;
  };

  /** The state after the last event is durable (the round's write returned). */
  persisted(): void {
    this.line({ node: this.id, kind: 'persist' });
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const text = this.buffer;
    this.buffer = '';
    this.flushes += 1;
    this.sink.write(text);
  }

  /** A message's content identity; a snapshot it carries is named by its data's digest. */
  private digest(m: M): string {
    const snaps = this.rt.snapshots;
    return messageDigest(snaps !== undefined && snaps.carries(m) ? snaps.mapData(m, (d) => snapshotDataRef(dataDigest(d))) : m);
  }

  /** The timer whose actions include `a` in state `before`, or null (a client request, a reaction, a hand-off). */
  private timerOf(a: A, before: S): string | null {
    const key = canonical(a);
    for (const [name, t] of Object.entries(this.rt.timers)) {
      if (t.actions(this.id, before).some((b) => b.type === a.type && canonical(b) === key)) return name;
    }
    return null;
  }

  private line(o: Record<string, unknown>): void {
    this.buffer += `${JSON.stringify(o)}\n`;
  }
}

/**
 * The node's storage and send with the trace log flushed before each (so a line is on disk before
 * any message it names leaves or its state is durable), a `persist` line after each write, and the
 * step hook, whose failure is reported to `warn` and never costs the step (the log then lacks it).
 */
export function traced<S, A extends Tagged, M extends Message>(
  log: TraceLog<S, A, M>,
  storage: Storage,
  send: (m: M) => void,
  warn: (line: string) => void,
): { storage: Storage; send: (m: M) => void; onStep: TraceLog<S, A, M>['step']; trace: NodeTrace<S> } {
  return {
    trace: {
      compact: (snap, state) => {
        try {
          log.compact(snap, state);
        } catch (e) {
          warn(`trace-log: a compaction could not be logged: ${(e as Error).message}`);
        }
      },
      flush: () => log.flush(),
      mark: () => {
        const at = log.mark();
        return () => log.undo(at);
      },
    },
    storage: {
      ...storage,
      async write(value) {
        log.flush();
        const wrote = await storage.write(value);
        log.persisted();
        return wrote;
      },
    },
    send(m) {
      log.flush();
      send(m);
    },
    onStep(input, before, r) {
      try {
        log.step(input, before, r);
      } catch (e) {
        warn(`trace-log: a step could not be logged: ${(e as Error).message}`);
      }
    },
  };
}
