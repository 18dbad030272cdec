// `runNode(runtime, cluster, id)`: one node process over TCP and HTTP. Locks the data
// directory (one node per directory), opens the WAL (reporting a truncated torn tail), recovers the
// state through the protocol's `restore`, starts the peer transport with the protocol's message
// schema, the node loop, the client API and `/metrics`; logs protocol events seen across each step.
import type { Server } from 'node:http';
import type { Message, NodeRuntime, Tagged } from '../core/index.ts';
import { UsageError } from '../core/index.ts';
import type { ClusterConfig, NodeAddress } from './config.ts';
import { adminBackend } from './admin.ts';
import { readRemoval, removedMessage } from './removed.ts';
import { startHttp } from './http.ts';
import { Node } from './node.ts';
import { Transport } from './transport/tcp.ts';
import { loadTls } from './transport/tls.ts';
import type { Schema } from './transport/schema.ts';
import { Wal, checkDataDir } from './wal/wal.ts';
import type { NodeOptions, Storage } from './node.ts';
import { join } from 'node:path';
import { lockDataDir } from './lock.ts';
import type { DirLock } from './lock.ts';
import { createLogger, lineLogger, transitionLogger } from './logging.ts';
import type { LogFormat, Logger } from './logging.ts';
import type { MetricsFactory, NodeMetrics } from './metrics.ts';
import { Chunker, isChunk, withChunks } from './snapshot-chunks.ts';
import type { Chunk } from './snapshot-chunks.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { openTraceLog, traceLogPath } from './trace-log-file.ts';
import { traced } from './trace-log.ts';

export interface RunNodeOptions<S, A extends Tagged, M extends Message> {
  /** The protocol, bound to this cluster's constants (e.g. `raftRuntime(raftProtocol, servers)`). */
  readonly runtime: NodeRuntime<S, A, M>;
  /** Validates a decoded peer message before it reaches `step`. */
  readonly schema: Schema;
  readonly cluster: ClusterConfig;
  readonly id: string;
  /** Enables the test-only fault layer and `POST /_faults`. */
  readonly faults?: boolean;
  /** Logs elections, votes, leader changes and step-downs, read through `runtime.view` (default true). */
  readonly events?: boolean;
  /** Text (default) or JSON lines on stderr, when `log` is not given. */
  readonly logFormat?: LogFormat;
  /** Metrics behind `GET /metrics` (none without). */
  readonly metrics?: MetricsFactory;
  /** Where log lines go: a plain line sink, or a `Logger` that also takes structured events. */
  readonly log?: ((line: string) => void) | Logger;
  /** Writes the trace log (docs/trace-validation.md) to this file, `{id}` standing for the node id. */
  readonly traceLog?: string;
  /** The address of a node the cluster file did not list at start (a member added later), or null. */
  readonly lookupPeer?: (id: string) => NodeAddress | null;
}

export interface RunningNode<S, A extends Tagged, M extends Message> {
  readonly node: Node<S, A, M>;
  readonly transport: Transport<M | Chunk>;
  readonly http: Server;
  readonly metrics: NodeMetrics | null;
  stop(): Promise<void>;
}

export async function runNode<S, A extends Tagged, M extends Message>(
  o: RunNodeOptions<S, A, M>,
): Promise<RunningNode<S, A, M>> {
  const log = o.log === undefined ? createLogger(o.id, o.logFormat ?? 'text') : 'event' in o.log ? o.log : lineLogger(o.log);
  const me = o.cluster.nodes[o.id];
  if (me === undefined) throw new UsageError(`unknown node '${o.id}' (config has: ${Object.keys(o.cluster.nodes).join(', ')})`);
  const tls = o.cluster.tls === null ? null : loadTls(o.cluster.tls);
  const dir = join(o.cluster.dataDir, o.id);
  const bad = await checkDataDir(dir);
  if (bad !== null) throw new UsageError(bad);
  const removal = readRemoval(dir);
  if (removal !== null) throw new UsageError(removedMessage(o.id, dir, removal));
  const lock = await lockDataDir(dir);
  try {
    return await startLocked(o, log, dir, lock, tls);
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function startLocked<S, A extends Tagged, M extends Message>(
  o: RunNodeOptions<S, A, M>,
  log: Logger,
  dir: string,
  lock: DirLock,
  tls: ReturnType<typeof loadTls> | null,
): Promise<RunningNode<S, A, M>> {
  const me = o.cluster.nodes[o.id]!;
  const { wal, recovery } = await Wal.open(dir, { fsync: o.cluster.fsync });
  if (recovery.truncated !== null) {
    log(`wal: truncated a torn tail of ${recovery.truncated.bytes} bytes (${recovery.truncated.reason})`);
  }
  const snaps = await openSnapshots(o, dir, log);
  let node: Node<S, A, M> | null = null;
  const { runtime, storage: walStorage, metrics } = instrument(o, log, wal, () => node);
  const trace = o.traceLog === undefined ? null : openTraceLog(traceLogPath(o.traceLog, o.id), runtime, o.id, Object.keys(o.cluster.nodes));
  const peers: Record<string, { host: string; port: number }> = {};
  for (const [j, a] of Object.entries(o.cluster.nodes)) peers[j] = { host: a.host, port: a.peerPort };
  const addressOf = (j: string): NodeAddress | null => o.cluster.nodes[j] ?? o.lookupPeer?.(j) ?? null;
  // Snapshot messages go in chunks below maxFrameBytes (base64 and the envelope included).
  const chunker: Chunker<M> = new Chunker<M>({
    self: o.id,
    // 256 KiB: a chunk is framed, sealed and (on arrival) parsed in one turn of the event loop.
    chunkBytes: Math.min(256 * 1024, Math.floor((o.cluster.maxFrameBytes - 4096) / 2)),
    schema: o.schema,
    send: (m) => transport.send(m),
    deliver: (m) => node?.receive(m),
    log,
    progress: (j) => node?.alive(j),
    repeatMs: Math.max(2000, 2 * o.cluster.electionMs[1]),
  });
  const transport = await Transport.start<M | Chunk>({
    id: o.id,
    secret: o.cluster.secret,
    listen: { host: me.host, port: me.peerPort },
    peers,
    lookup: (j) => {
      const a = addressOf(j);
      return a === null ? null : { host: a.host, port: a.peerPort };
    },
    schema: withChunks(o.schema),
    onMessage: (m) => (isChunk(m) ? chunker.receive(m) : node?.receive(m)),
    log,
    maxFrameBytes: o.cluster.maxFrameBytes,
    tls,
    faults: o.faults ?? false,
  }).catch((e: unknown) => {
    throw new UsageError(`cannot listen for peers on ${me.host}:${me.peerPort}: ${(e as Error).message}`);
  });
  const send = (m: M) => (runtime.snapshots?.carries(m) === true ? chunker.send(m, runtime.payload(m)) : transport.send(m));
  const io = trace === null ? { storage: walStorage, send } : traced(trace.log, walStorage, send, log);
  node = newNode({
    id: o.id,
    runtime,
    recovered: recovery.value,
    recoveredSnapshot: snaps.snapshot,
    snapshots: snaps.store,
    storage: io.storage,
    send: io.send,
    ...('onStep' in io ? { onStep: io.onStep, trace: io.trace } : {}),
    reachable: (j) => transport.connected(j),
    log,
    timers: { electionMs: o.cluster.electionMs, heartbeatMs: o.cluster.heartbeatMs },
    commandTimeoutMs: o.cluster.commandTimeoutMs,
    sessionTimeoutMs: o.cluster.sessionTimeoutMs,
    onFatal: () => process.exit(1),
  });
  const n = node;
  trace?.log.restart(n.state, recovery.value, snaps.snapshot);
  const r0 = o.events === false ? null : runtime.view(n.state);
  const at = r0 === null ? '' : ` (term ${r0.term}, last index ${r0.lastIndex}, vote ${r0.votedFor ?? '-'})`;
  const fields = r0 === null ? {} : { term: r0.term, lastIndex: r0.lastIndex, votedFor: r0.votedFor };
  log.event('wal-recovery', { records: recovery.records, ...fields, truncatedBytes: recovery.truncated?.bytes ?? 0 }, `wal: recovered ${recovery.records} records from ${dir}${at}`);
  const submit = async (c: Parameters<typeof n.submit>[0]) => {
    const t0 = performance.now();
    const out = await n.submit(c);
    metrics?.command(out.kind, (performance.now() - t0) / 1000);
    return out;
  };
  const read = async (key: string) => {
    const t0 = performance.now();
    const out = await n.read(key);
    metrics?.command(out.kind, (performance.now() - t0) / 1000);
    return out;
  };
  const http = await startHttp(
    {
      id: o.id,
      submit,
      read,
      ...(metrics !== null ? { metrics: () => metrics.scrape() } : {}),
      status: () => n.status(),
      leader: () => n.leader(),
      address: (j) => {
        const a = addressOf(j);
        return a === null ? null : { host: a.host, port: a.httpPort };
      },
      ...(runtime.membership === undefined
        ? {}
        : {
            admin: adminBackend({
              id: o.id,
              node: n,
              runtime,
              membership: runtime.membership,
              known: (j) => addressOf(j) !== null,
              timeoutMs: Math.max(30_000, 4 * o.cluster.commandTimeoutMs),
              handOffMs: 2 * o.cluster.electionMs[1],
              log,
            }),
          }),
      token: o.cluster.token,
      log,
      ...(o.faults === true ? { setFaults: (f) => transport.setFaults(f) } : {}),
    },
    me.host,
    me.httpPort,
    { maxValueBytes: o.cluster.maxValueBytes, bodyTimeoutMs: o.cluster.bodyTimeoutMs, tls },
  ).catch((e: unknown) => {
    void transport.close();
    throw new UsageError(`cannot serve HTTP on ${me.host}:${me.httpPort}: ${(e as Error).message}`);
  });
  n.start();
  log(`node ${o.id} up: peers on ${me.host}:${transport.port}${tls === null ? '' : ' (TLS)'}, ${tls === null ? 'http' : 'https'} on ${me.host}:${me.httpPort}`);
  return {
    node: n,
    transport,
    http,
    metrics,
    async stop() {
      // A planned stop of a leader hands over first, so that it costs no election timeout (§3.10).
      if (await n.handOff(o.cluster.electionMs[1])) log(`node: handed leadership to ${n.leader()} before stopping`);
      n.stop();
      await n.idle();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await transport.close();
      await wal.close();
      trace?.close();
      lock.release();
    },
  };
}

/** The snapshot store, a leftover temp file removed; a corrupt snapshot file is a `SnapshotCorruptError`. */
async function openSnapshots<S, A extends Tagged, M extends Message>(o: RunNodeOptions<S, A, M>, dir: string, log: Logger): ReturnType<typeof SnapshotStore.open> {
  const settings = { entries: o.cluster.snapshotEntries, walBytes: o.cluster.snapshotBytes };
  const r = await SnapshotStore.open(dir, settings, o.cluster.fsync);
  if (r.removedTemp) log('snapshot: removed an unfinished snapshot file (a write cut by a crash; the previous snapshot and the WAL are intact)');
  if (r.snapshot !== null) log(`snapshot: loaded index ${r.snapshot.index} from ${join(dir, 'snapshot.snap')}`);
  return r;
}

/** A node, or a one-line error if the WAL holds no state of this protocol (valid records, wrong content). */
function newNode<S, A extends Tagged, M extends Message>(o: NodeOptions<S, A, M>): Node<S, A, M> {
  try {
    return new Node(o);
  } catch (e) {
    throw new UsageError(`node ${o.id}: the write-ahead log holds no ${o.runtime.name} state (${(e as Error).message}); refusing to start`);
  }
}

/** The protocol with its steps observed (event log), the WAL with its appends timed, the metrics. */
function instrument<S, A extends Tagged, M extends Message>(
  o: RunNodeOptions<S, A, M>,
  log: Logger,
  wal: Wal,
  node: () => Node<S, A, M> | null,
): { runtime: NodeRuntime<S, A, M>; storage: Storage; metrics: NodeMetrics | null } {
  const metrics =
    o.metrics?.(o.id, {
      term: () => node()?.status().term ?? 0,
      commitIndex: () => node()?.status().commitIndex ?? 0,
      applied: () => node()?.status().applied ?? 0,
      lastIndex: () => node()?.status().lastIndex ?? 0,
      leader: () => node()?.leader() ?? null,
    }) ?? null;
  const observe = o.events === false ? null : transitionLogger(o.id, o.runtime, log, { election: () => metrics?.election() });
  // Each step's before and after states go to the event log; the protocol itself is unchanged.
  const runtime: NodeRuntime<S, A, M> = {
    ...o.runtime,
    step: (i, s, x) => {
      const r = o.runtime.step(i, s, x);
      try {
        if (r !== null) observe?.(s, r.state, x);
      } catch (e) {
        log(`log: event observer failed: ${(e as Error).message}`); // never costs the step
      }
      return r;
    },
  };
  const storage: Storage = {
    async write(value) {
      const t0 = performance.now();
      const wrote = await wal.write(value);
      if (wrote) metrics?.fsync((performance.now() - t0) / 1000);
      return wrote;
    },
    truncate: () => void wal.rewrite().catch((e: unknown) => log(`wal: rewriting after a snapshot failed: ${(e as Error).message}; the WAL keeps its records`)),
    bytes: () => wal.bytes,
  };
  return { runtime, storage, metrics };
}
