// The cluster file every node reads (`--config cluster.json`): node addresses, the shared secret,
// the client token, timers and where data lives. Bad input is a `UsageError` with one clear line.
import { SNAPSHOT_DEFAULTS } from './snapshot-store.ts';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { UsageError } from '../core/index.ts';

export interface NodeAddress {
  readonly host: string;
  /** Port for peer connections (TCP frames). */
  readonly peerPort: number;
  /** Port of the HTTP client API. */
  readonly httpPort: number;
}

/** TLS files (absolute paths; relative ones in the file are resolved against its directory). */
export interface TlsFiles {
  /** This node's certificate (PEM), presented on the peer and client ports. */
  readonly cert: string;
  /** Its private key (PEM). */
  readonly key: string;
  /** The CA (PEM) that peers' certificates must chain to; clients trust it for the client port. */
  readonly ca: string;
}

export interface ClusterConfig {
  /** The protocol every node runs (`raft` by default); the CLI knows which names exist. */
  readonly protocol: string;
  readonly nodes: Readonly<Record<string, NodeAddress>>;
  /**
   * The first configuration's voters (default: every node). Only a seed: a protocol with membership
   * change keeps its configuration in its log; nodes added later are listed in `nodes` only.
   */
  readonly voters: readonly string[];
  /** Shared secret for the peers' HMAC challenge (at least 16 characters). */
  readonly secret: string;
  /** Bearer token the HTTP API requires, or null for none. */
  readonly token: string | null;
  /** Base data directory; node i keeps its WAL in `<dataDir>/<i>` (relative to the config file). */
  readonly dataDir: string;
  readonly electionMs: readonly [number, number];
  readonly heartbeatMs: number;
  /** fsync each WAL write (default true). */
  readonly fsync: boolean;
  /** Largest peer frame in bytes. */
  readonly maxFrameBytes: number;
  /** How long a client command may wait to commit. */
  readonly commandTimeoutMs: number;
  /** A client session idle longer than this expires (thesis §6.3); default one hour. */
  readonly sessionTimeoutMs: number;
  /** Largest value a client may write, in bytes (HTTP 413 above). */
  readonly maxValueBytes: number;
  /** How long a declared HTTP request body may stop arriving (HTTP 408 after). */
  readonly bodyTimeoutMs: number;
  /** TLS on the peer and client ports, or null for plain TCP and HTTP. */
  readonly tls: TlsFiles | null;
  /** Take a snapshot after this many log entries applied since the last one (0: not by count). */
  readonly snapshotEntries: number;
  /** Take a snapshot once the WAL file is this large in bytes (0: not by size). */
  readonly snapshotBytes: number;
}

const ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

function port(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) {
    throw new UsageError(`${what} must be a port number from 1 to 65535, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Validates a parsed cluster file; `base` resolves a relative dataDir. */
export function parseClusterConfig(x: unknown, base: string, where = 'cluster config'): ClusterConfig {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new UsageError(`${where}: expected a JSON object`);
  const r = x as Record<string, unknown>;
  const known = ['protocol', 'nodes', 'voters', 'secret', 'token', 'dataDir', 'electionMs', 'heartbeatMs', 'fsync', 'maxFrameBytes', 'commandTimeoutMs', 'sessionTimeoutMs', 'maxValueBytes', 'bodyTimeoutMs', 'tls', 'snapshotEntries', 'snapshotBytes'];
  for (const k of Object.keys(r)) if (!known.includes(k)) throw new UsageError(`${where}: unknown field '${k}' (expected: ${known.join(', ')})`);
  const nodesRaw = r['nodes'];
  if (typeof nodesRaw !== 'object' || nodesRaw === null || Array.isArray(nodesRaw) || Object.keys(nodesRaw).length === 0) {
    throw new UsageError(`${where}: 'nodes' must be an object of node id -> { host, peerPort, httpPort }`);
  }
  const nodes: Record<string, NodeAddress> = {};
  const used = new Map<string, string>();
  for (const [id, a] of Object.entries(nodesRaw as Record<string, unknown>)) {
    if (!ID.test(id)) throw new UsageError(`${where}: bad node id '${id}' (letters, digits, - and _, starting with a letter)`);
    if (typeof a !== 'object' || a === null) throw new UsageError(`${where}: node ${id} must be { host, peerPort, httpPort }`);
    const n = a as Record<string, unknown>;
    const host = n['host'] ?? '127.0.0.1';
    if (typeof host !== 'string' || host === '') throw new UsageError(`${where}: node ${id}: host must be a string`);
    const addr = { host, peerPort: port(n['peerPort'], `node ${id}: peerPort`), httpPort: port(n['httpPort'], `node ${id}: httpPort`) };
    for (const [kind, p] of [['peerPort', addr.peerPort], ['httpPort', addr.httpPort]] as const) {
      const key = `${host}:${p}`;
      const prev = used.get(key);
      if (prev !== undefined) throw new UsageError(`${where}: duplicate port ${p} on ${host} (${prev} and node ${id} ${kind})`);
      used.set(key, `node ${id} ${kind}`);
    }
    nodes[id] = addr;
  }
  const voters = r['voters'] ?? Object.keys(nodes);
  if (!Array.isArray(voters) || voters.length === 0 || voters.some((j) => typeof j !== 'string' || nodes[j] === undefined) || new Set(voters).size !== voters.length) {
    throw new UsageError(`${where}: 'voters' must list distinct node ids of 'nodes' (the first configuration), got ${JSON.stringify(r['voters'])}`);
  }
  const secret = r['secret'];
  if (typeof secret !== 'string' || secret.length < 16) throw new UsageError(`${where}: 'secret' must be a string of at least 16 characters`);
  const token = r['token'] ?? null;
  if (token !== null && (typeof token !== 'string' || token === '')) throw new UsageError(`${where}: 'token' must be a non-empty string or absent`);
  const protocol = r['protocol'] ?? 'raft';
  if (typeof protocol !== 'string' || protocol === '') throw new UsageError(`${where}: 'protocol' must be a protocol name such as raft`);
  const dataDir = r['dataDir'] ?? 'data';
  if (typeof dataDir !== 'string' || dataDir === '') throw new UsageError(`${where}: 'dataDir' must be a path`);
  const em = r['electionMs'] ?? [300, 600];
  if (!Array.isArray(em) || em.length !== 2 || !em.every((v) => Number.isInteger(v) && v > 0) || em[0] > em[1]) {
    throw new UsageError(`${where}: 'electionMs' must be [min, max] milliseconds with 0 < min <= max`);
  }
  const int = (k: string, d: number, min: number): number => {
    const v = r[k] ?? d;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new UsageError(`${where}: '${k}' must be an integer >= ${min}`);
    return v;
  };
  const heartbeatMs = int('heartbeatMs', 50, 1);
  if (heartbeatMs >= (em[0] as number)) throw new UsageError(`${where}: 'heartbeatMs' (${heartbeatMs}) must be below the election timeout (${String(em[0])})`);
  const fsync = r['fsync'] ?? true;
  if (typeof fsync !== 'boolean') throw new UsageError(`${where}: 'fsync' must be true or false`);
  const maxFrameBytes = int('maxFrameBytes', 16 * 1024 * 1024, 1024);
  const maxValueBytes = int('maxValueBytes', 1024 * 1024, 1);
  // A value travels inside an AppendEntries frame, with room for the message around it.
  if (maxValueBytes + 64 * 1024 > maxFrameBytes) throw new UsageError(`${where}: 'maxValueBytes' (${maxValueBytes}) must be at least 64 KiB below 'maxFrameBytes' (${maxFrameBytes})`);
  const tls = tlsFiles(r['tls'] ?? null, base, where);
  return {
    protocol,
    nodes,
    voters: (voters as string[]).toSorted(),
    secret,
    token,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(base, dataDir),
    electionMs: [em[0] as number, em[1] as number],
    heartbeatMs,
    fsync,
    maxFrameBytes,
    commandTimeoutMs: int('commandTimeoutMs', 5000, 10),
    sessionTimeoutMs: int('sessionTimeoutMs', 3_600_000, 1000),
    maxValueBytes,
    bodyTimeoutMs: int('bodyTimeoutMs', 5000, 10),
    tls,
    snapshotEntries: int('snapshotEntries', SNAPSHOT_DEFAULTS.entries, 0),
    snapshotBytes: int('snapshotBytes', SNAPSHOT_DEFAULTS.walBytes, 0),
  };
}

function tlsFiles(x: unknown, base: string, where: string): TlsFiles | null {
  if (x === null) return null;
  const shape = `${where}: 'tls' must be { "cert": file, "key": file, "ca": file }`;
  if (typeof x !== 'object' || Array.isArray(x)) throw new UsageError(shape);
  const r = x as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!['cert', 'key', 'ca'].includes(k)) throw new UsageError(`${where}: unknown field 'tls.${k}' (expected: cert, key, ca)`);
  const file = (k: string): string => {
    const v = r[k];
    if (typeof v !== 'string' || v === '') throw new UsageError(`${shape}; 'tls.${k}' is missing or not a path`);
    return isAbsolute(v) ? v : resolve(base, v);
  };
  return { cert: file('cert'), key: file('key'), ca: file('ca') };
}

/** Reads and validates a cluster file. */
export function loadClusterConfig(path: string): ClusterConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseClusterConfig(x, dirname(resolve(path)), `config ${path}`);
}
