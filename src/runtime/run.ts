// `runNode(protocol, drive, config, cluster, id)`: one node process over TCP and HTTP. Opens the WAL
// (reporting a truncated torn tail), recovers the state through the protocol's `restart`, starts the
// peer transport with the protocol's message schema, the node loop and the client API.
import type { Server } from 'node:http';
import type { Drive, Message, NodeProtocol, Tagged } from '../core/index.ts';
import { UsageError } from '../core/index.ts';
import type { ClusterConfig } from './config.ts';
import { startHttp } from './http.ts';
import { Node } from './node.ts';
import { Transport } from './transport/tcp.ts';
import { loadTls } from './transport/tls.ts';
import type { Schema } from './transport/schema.ts';
import { Wal, checkDataDir } from './wal/wal.ts';
import { join } from 'node:path';

export interface RunNodeOptions<C, S, A extends Tagged, M extends Message> {
  readonly protocol: NodeProtocol<C, S, A, M>;
  readonly drive: Drive<C, S, A, M>;
  /** The protocol's config for this cluster (unbounded). */
  readonly config: C;
  /** Validates a decoded peer message before it reaches `step`. */
  readonly schema: Schema;
  readonly cluster: ClusterConfig;
  readonly id: string;
  /** Enables the test-only fault layer and `POST /_faults`. */
  readonly faults?: boolean;
  readonly log?: (line: string) => void;
}

export interface RunningNode<C, S, A extends Tagged, M extends Message> {
  readonly node: Node<C, S, A, M>;
  readonly transport: Transport<M>;
  readonly http: Server;
  stop(): Promise<void>;
}

export async function runNode<C, S, A extends Tagged, M extends Message>(
  o: RunNodeOptions<C, S, A, M>,
): Promise<RunningNode<C, S, A, M>> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${new Date().toISOString()} ${o.id} ${l}\n`));
  const me = o.cluster.nodes[o.id];
  if (me === undefined) throw new UsageError(`unknown node '${o.id}' (config has: ${Object.keys(o.cluster.nodes).join(', ')})`);
  const tls = o.cluster.tls === null ? null : loadTls(o.cluster.tls);
  const dir = join(o.cluster.dataDir, o.id);
  const bad = await checkDataDir(dir);
  if (bad !== null) throw new UsageError(bad);
  const { wal, recovery } = await Wal.open(dir, { fsync: o.cluster.fsync });
  if (recovery.truncated !== null) {
    log(`wal: truncated a torn tail of ${recovery.truncated.bytes} bytes (${recovery.truncated.reason})`);
  }
  log(`wal: recovered ${recovery.records} records from ${dir}`);
  let node: Node<C, S, A, M> | null = null;
  const peers: Record<string, { host: string; port: number }> = {};
  for (const [j, a] of Object.entries(o.cluster.nodes)) peers[j] = { host: a.host, port: a.peerPort };
  const transport = await Transport.start<M>({
    id: o.id,
    secret: o.cluster.secret,
    listen: { host: me.host, port: me.peerPort },
    peers,
    schema: o.schema,
    onMessage: (m) => node?.receive(m),
    log,
    maxFrameBytes: o.cluster.maxFrameBytes,
    tls,
    faults: o.faults ?? false,
  }).catch((e: unknown) => {
    throw new UsageError(`cannot listen for peers on ${me.host}:${me.peerPort}: ${(e as Error).message}`);
  });
  node = new Node<C, S, A, M>({
    id: o.id,
    protocol: o.protocol,
    drive: o.drive,
    config: o.config,
    recovered: recovery.value,
    storage: wal,
    send: (m) => transport.send(m),
    reachable: (j) => transport.connected(j),
    log,
    timers: { electionMs: o.cluster.electionMs, heartbeatMs: o.cluster.heartbeatMs },
    commandTimeoutMs: o.cluster.commandTimeoutMs,
    onFatal: () => process.exit(1),
  });
  const n = node;
  const http = await startHttp(
    {
      id: o.id,
      submit: (c) => n.submit(c),
      status: () => n.status(),
      leader: () => n.leader(),
      address: (j) => {
        const a = o.cluster.nodes[j];
        return a === undefined ? null : { host: a.host, port: a.httpPort };
      },
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
    async stop() {
      // A planned stop of a leader hands over first, so that it costs no election timeout (§3.10).
      if (await n.handOff(o.cluster.electionMs[1])) log(`node: handed leadership to ${n.leader()} before stopping`);
      n.stop();
      await n.idle();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await transport.close();
      await wal.close();
    },
  };
}
