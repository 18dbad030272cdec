// `npm run bench:cluster [-- --protocol raft|multipaxos --clients 1,16,64 --seconds 10 --nodes 3 --rows writes,reads,resync,big,catchup --breakdown]`: starts
// a local cluster with fsync on (the real `node` command, one process per node) and prints
// - writes: N concurrent HTTP clients writing distinct keys: writes/s and p50/p99 latency per N;
// - reads: N concurrent HTTP clients reading one key at the leader, by ReadIndex and with ?consistency=log;
// - resync: a follower that was down during 10,000 writes restarts: time until it has the leader's log;
// - big: 20 concurrent 1 MB PUTs: how many succeed, and the term before and after (no election);
// - catchup: a follower down during 100,000 writes restarts and catches up by InstallSnapshot.
// `--breakdown` (with `--clients 1`): the nodes trace every round (CC_TRACE=1) and the writes rows are
// followed by one write's time phase by phase, read from their logs (bench-breakdown.ts).
// `--etcd http://127.0.0.1:2379` runs the writes rows against etcd's HTTP/JSON gateway
// (`POST /v3/kv/put`) instead; docs/runtime.md says how to start that etcd cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { breakdownTable } from './bench-breakdown.ts';
import { catchupTimeline } from './bench-timeline.ts';
import { httpRequest } from './client.ts';

const BIN = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Target = { urls: string[]; write: (url: string, key: string, value: string, agent: Agent) => Promise<boolean> };

function ours(urls: string[]): Target {
  return {
    urls,
    write: async (url, key, value, agent) => (await httpRequest(`${url}/kv/${key}`, 'PUT', value, {}, 10_000, agent)).code === 200,
  };
}

function etcd(urls: string[]): Target {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    urls,
    write: async (url, key, value, agent) =>
      (await httpRequest(`${url}/v3/kv/put`, 'POST', JSON.stringify({ key: b64(key), value: b64(value) }), { 'content-type': 'application/json' }, 10_000, agent)).code === 200,
  };
}

type Load = { ops: number; errors: number; secs: number; lat: number[] };

/** N clients writing distinct keys for `seconds`, or until `total` writes succeeded. */
async function load(t: Target, clients: number, seconds: number, valueBytes: number, total = Infinity): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const lat: number[] = [];
  let errors = 0;
  let started = 0;
  const value = 'x'.repeat(valueBytes);
  const start = performance.now();
  const end = start + seconds * 1000;
  const prefix = randomBytes(3).toString('hex');
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let k = 0;
      while (performance.now() < end && started < total) {
        started += 1;
        const t0 = performance.now();
        try {
          // All clients go to the first URL (the leader for ours; any member for etcd).
          if (await t.write(t.urls[0] as string, `${prefix}-${c}-${k++}`, value, agent)) lat.push(performance.now() - t0);
          else {
            errors += 1;
            started -= 1;
            await sleep(50); // e.g. an election: back off as a client would, no hot error loop
          }
        } catch {
          errors += 1;
          started -= 1;
          await sleep(50);
        }
      }
    }),
  );
  agent.destroy();
  return { ops: lat.length, errors, secs: (performance.now() - start) / 1000, lat: lat.sort((a, b) => a - b) };
}

const pct = (xs: number[], p: number) => (xs.length === 0 ? NaN : (xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] as number));

type Addr = { host: string; peerPort: number; httpPort: number };

/** A local cluster of real `node` processes in a temp directory. */
class Cluster {
  readonly procs = new Map<string, ChildProcess>();
  readonly dir: string;
  readonly nodes: Record<string, Addr>;
  private readonly config: string;
  private constructor(dir: string, nodes: Record<string, Addr>, config: string) {
    this.dir = dir;
    this.nodes = nodes;
    this.config = config;
  }

  static async start(n: number, fsync: boolean, protocol: string, extra: Record<string, unknown> = {}): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
    const nodes: Record<string, Addr> = {};
    for (let k = 1; k <= n; k += 1) nodes[`s${k}`] = { host: '127.0.0.1', peerPort: await freePort(), httpPort: await freePort() };
    const config = join(dir, 'cluster.json');
    writeFileSync(config, JSON.stringify({ protocol, nodes, secret: randomBytes(16).toString('hex'), dataDir: 'data', fsync, ...extra }));
    const c = new Cluster(dir, nodes, config);
    for (const id of Object.keys(nodes)) c.spawn(id);
    return c;
  }

  spawn(id: string): void {
    const fd = openSync(join(this.dir, `${id}.log`), 'a');
    // BENCH_NODE_ARGS: extra node flags for the node processes, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
    const extra = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((x) => x !== '');
    this.procs.set(id, spawn(process.execPath, [...extra, BIN, 'node', '--id', id, '--config', this.config], { stdio: ['ignore', fd, fd] }));
  }

  url(id: string): string {
    return `http://127.0.0.1:${(this.nodes[id] as Addr).httpPort}`;
  }

  async status(id: string): Promise<Record<string, unknown> | null> {
    try {
      return (await httpRequest(`${this.url(id)}/status`, 'GET', null, {}, 1000)).body;
    } catch {
      return null;
    }
  }

  /** The leader's id, once one node says it leads (waits up to 20 s). */
  async leader(): Promise<string> {
    for (let k = 0; k < 100; k += 1) {
      for (const id of this.procs.keys()) if ((await this.status(id))?.['role'] === 'Leader') return id;
      await sleep(200);
    }
    throw new Error('no leader elected within 20 s');
  }

  async kill(id: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = this.procs.get(id);
    this.procs.delete(id);
    if (p === undefined || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await Promise.race([exited, sleep(6000)]);
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.procs.keys()].map((id) => this.kill(id)));
    // BENCH_KEEP=1 keeps the cluster directory (node logs) for a look afterwards.
    if (process.env['BENCH_KEEP'] === '1') process.stderr.write(`kept ${this.dir}\n`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts `follower` again and polls its status: ms from the start until it serves, and until its
 * log (and, with `applied`, its state machine) holds `target` (NaN: not within `limitMs`).
 */
async function restartAndWait(c: Cluster, follower: string, o: { target: number; applied: boolean; limitMs: number; pollMs: number }): Promise<{ started: number; caughtUp: number }> {
  const t0 = performance.now();
  c.spawn(follower);
  let started = NaN;
  while (performance.now() - t0 < o.limitMs) {
    const s = await c.status(follower);
    if (s !== null && Number.isNaN(started)) started = performance.now() - t0;
    if (s !== null && Number(s['lastIndex']) >= o.target && (!o.applied || Number(s['applied']) >= o.target)) return { started, caughtUp: performance.now() - t0 };
    await sleep(o.pollMs);
  }
  return { started, caughtUp: NaN };
}

/** A follower is down during `writes` writes, restarts: time until its log reaches the leader's. */
async function resyncRow(c: Cluster, writes: number): Promise<string> {
  const leader = await c.leader();
  const follower = [...c.procs.keys()].find((id) => id !== leader) as string;
  await c.kill(follower);
  const w = await load(ours([c.url(leader)]), 64, 600, 16, writes);
  const target = Number((await c.status(leader))?.['lastIndex']);
  const { started, caughtUp } = await restartAndWait(c, follower, { target, applied: false, limitMs: 120_000, pollMs: 5 });
  const secs = (x: number) => (x / 1000).toFixed(2);
  return `| resync | ${w.ops} writes (${target} log entries) while ${follower} was down; restarted: serving after ${secs(started)} s (process start), log caught up ${secs(caughtUp - started)} s later |`;
}

/** 20 concurrent 1 MB PUTs to the leader: successes, and the leader's term before and after. */
async function bigRow(c: Cluster, count: number, bytes: number): Promise<string> {
  const leader = await c.leader();
  const before = (await c.status(leader))?.['term'];
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const value = 'v'.repeat(bytes);
  const t0 = performance.now();
  const codes = await Promise.all(
    Array.from({ length: count }, (_, k) =>
      httpRequest(`${c.url(leader)}/kv/big-${k}`, 'PUT', value, {}, 30_000, agent).then(
        (r) => r.code,
        () => 0,
      ),
    ),
  );
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  await sleep(1000); // an election caused by the load would show within an election timeout
  const terms = await Promise.all([...c.procs.keys()].map(async (id) => `${id} ${(await c.status(id))?.['term']}`));
  const ok = codes.filter((x) => x === 200).length;
  return `| big | ${count} x ${bytes} B PUTs: ${ok} ok (codes ${[...new Set(codes)].join(',')}) in ${secs.toFixed(2)} s; term before ${before}, after: ${terms.join(', ')} |`;
}

/** A node's log so far ('' if none). */
function readLog(c: Cluster, id: string): string {
  try {
    return readFileSync(join(c.dir, `${id}.log`), 'utf8');
  } catch {
    return '';
  }
}

/** The figures of a node's last `snapshot: wrote|installed index ...` log line. */
function lastSnapshotLine(c: Cluster, id: string, what: 'wrote' | 'installed'): string {
  const text = readLog(c, id);
  const lines = text.split('\n').filter((l) => l.includes(`snapshot: ${what} index`));
  return lines.length === 0 ? `none ${what}` : (lines[lines.length - 1] as string).replace(/^.*snapshot: /, '');
}

/**
 * A follower is down while `writes` writes are made (the leader compacts its log), then restarts:
 * time from serving to holding the leader's last index, and the snapshots taken and installed.
 */
async function catchupRow(c: Cluster, writes: number, clients: number): Promise<string> {
  const leader = await c.leader();
  const follower = [...c.procs.keys()].find((id) => id !== leader) as string;
  await c.kill(follower, 'SIGKILL');
  const writesStart = Date.now();
  const w = await load(ours([c.url(leader)]), clients, 3600, 16, writes);
  const lead = await c.status(leader);
  const target = Number(lead?.['lastIndex']);
  const restart = Date.now();
  // Each /status is work for the follower while it installs: polled less often than in resync.
  const { started, caughtUp } = await restartAndWait(c, follower, { target, applied: true, limitMs: 300_000, pollMs: 25 });
  const secs = (x: number) => (x / 1000).toFixed(2);
  const keys = Number((await c.status(follower))?.['keys']);
  const row =
    `| catchup | ${w.ops} writes in ${w.secs.toFixed(0)} s (${target} log entries; leader snapshot at ${String(lead?.['snapshotIndex'])}, term ${String(lead?.['term'])}) while ${follower} was down; ` +
    `restarted: serving after ${secs(started)} s, caught up (log and KV, ${keys} keys) ${secs(caughtUp - started)} s later; ` +
    `leader's last snapshot: ${lastSnapshotLine(c, leader, 'wrote')}; follower: ${lastSnapshotLine(c, follower, 'installed')} |`;
  const logs = Object.fromEntries(Object.keys(c.nodes).map((id) => [id, readLog(c, id)]));
  return `${row}\n${catchupTimeline(follower, logs, { writesStart, restart, serving: restart + started, caughtUp: restart + caughtUp })}`;
}

const ROWS = ['writes', 'reads', 'resync', 'big', 'catchup'] as const;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  clients: { type: 'string', default: '1,16,64' },
  seconds: { type: 'string', default: '10' },
  nodes: { type: 'string', default: '3' },
  'value-bytes': { type: 'string', default: '16' },
  rows: { type: 'string', default: 'writes,reads,resync,big' },
  'resync-writes': { type: 'string', default: '10000' },
  'big-count': { type: 'string', default: '20' },
  'catchup-writes': { type: 'string', default: '100000' },
  'catchup-clients': { type: 'string', default: '128' },
  'snapshot-entries': { type: 'string', default: '100' },
  etcd: { type: 'string' },
  'no-fsync': { type: 'boolean' },
  breakdown: { type: 'boolean' },
  protocol: { type: 'string', default: 'raft' },
} as const;

const USAGE = `usage: npm run bench:cluster -- [--protocol raft|multipaxos] [--rows ${ROWS.join(',')}]
    [--clients 1,16,64] [--seconds 10] [--nodes 3] [--value-bytes 16] [--breakdown] [--no-fsync]
    [--resync-writes 10000] [--big-count 20] [--catchup-writes 100000] [--catchup-clients 128]
    [--snapshot-entries 100] [--etcd URL[,URL...]]
What each row measures: the head of src/runtime/bench-cluster.ts and docs/runtime.md.`;

/** A flag the user got wrong: printed as one line, exit 2. */
class BadFlag extends Error {}

/** Reads the flags, or throws `BadFlag` naming the one that is wrong. */
function flags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS }).values;
  } catch (e) {
    throw new BadFlag((e as Error).message);
  }
}

/** A whole number of at least `min` given to `--name`. */
function whole(name: string, v: string, min = 1): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min) throw new BadFlag(`--${name} ${JSON.stringify(v)}: a whole number of at least ${min} is needed`);
  return n;
}

async function main(): Promise<void> {
  const values = flags(process.argv.slice(2));
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const clientCounts = values.clients.split(',').map((v) => whole('clients', v));
  const seconds = Number(values.seconds);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new BadFlag(`--seconds ${JSON.stringify(values.seconds)}: a number of seconds above 0 is needed`);
  const rows = new Set(values.rows.split(','));
  const unknown = [...rows].filter((r) => !(ROWS as readonly string[]).includes(r));
  if (unknown.length > 0) throw new BadFlag(`--rows: unknown row ${unknown.join(', ')} (rows: ${ROWS.join(', ')})`);
  if (values.protocol !== 'raft' && values.protocol !== 'multipaxos') throw new BadFlag(`--protocol ${JSON.stringify(values.protocol)}: raft or multipaxos`);
  for (const k of ['nodes', 'value-bytes', 'resync-writes', 'big-count', 'catchup-writes', 'catchup-clients', 'snapshot-entries'] as const) whole(k, values[k], k === 'value-bytes' ? 0 : 1);
  await run(values, clientCounts, seconds, rows);
}

/** Runs the rows the flags ask for. */
async function run(values: ReturnType<typeof flags>, clientCounts: number[], seconds: number, rows: ReadonlySet<string>): Promise<void> {
  if (values.etcd !== undefined) {
    await writesRows(etcd(values.etcd.split(',')), `etcd at ${values.etcd}`, clientCounts, seconds, Number(values['value-bytes']));
    return;
  }
  const fsync = values['no-fsync'] !== true;
  const n = Number(values.nodes);
  // The node processes inherit the environment.
  if (values.breakdown === true) process.env['CC_TRACE'] = '1';
  let c = await Cluster.start(n, fsync, values.protocol);
  process.on('SIGINT', () => void c.stop().then(() => process.exit(130)));
  try {
    if (rows.has('writes')) {
      const leader = await c.leader();
      await writesRows(ours([c.url(leader)]), `${n} consensus-checked ${values.protocol} nodes (fsync ${fsync ? 'on' : 'off'}), leader ${leader}`, clientCounts, seconds, Number(values['value-bytes']));
      if (values.breakdown === true) process.stdout.write(`\n${breakdownTable(Object.fromEntries(Object.keys(c.nodes).map((id) => [id, readLog(c, id)])))}\n`);
    }
    process.stdout.write('\n');
    if (rows.has('reads')) await readsRows(c.url(await c.leader()), clientCounts, seconds);
    for (const row of ['resync', 'big']) {
      if (!rows.has(row)) continue;
      // Each row on a fresh cluster, so that one row's history does not weigh on the next.
      await c.stop();
      c = await Cluster.start(n, fsync, values.protocol);
      process.stdout.write(`${row === 'resync' ? await resyncRow(c, Number(values['resync-writes'])) : await bigRow(c, Number(values['big-count']), 1_000_000)}\n`);
    }
    // A fresh cluster whose leader compacts every --snapshot-entries log entries.
    if (rows.has('catchup')) {
      await c.stop();
      c = await Cluster.start(n, fsync, values.protocol, { snapshotEntries: Number(values['snapshot-entries']) });
      process.stdout.write(`${await catchupRow(c, Number(values['catchup-writes']), Number(values['catchup-clients']))}\n`);
    }
  } finally {
    await c.stop();
  }
}

/** GETs of one key at the leader by each read path (the writes rows' load, with a GET as the operation). */
async function readsRows(url: string, clientCounts: number[], seconds: number): Promise<void> {
  const key = `read-${randomBytes(3).toString('hex')}`;
  if ((await httpRequest(`${url}/kv/${key}`, 'PUT', 'v', {}, 10_000)).code !== 200) throw new Error('reads row: the PUT of its key failed');
  const reader = (query: string): Target => ({ urls: [url], write: async (u, _k, _v, agent) => (await httpRequest(`${u}/kv/${key}${query}`, 'GET', null, {}, 10_000, agent)).code === 200 });
  process.stdout.write(`reads of one key at the leader; ${seconds}s per row\n\n| path | clients | reads/s | p50 ms | p99 ms | errors |\n|---|--:|--:|--:|--:|--:|\n`);
  for (const [path, query] of [['ReadIndex', ''], ['consistency=log', '?consistency=log']] as const) {
    await load(reader(query), 4, 1, 0);
    for (const n of clientCounts) {
      const r = await load(reader(query), n, seconds, 0);
      process.stdout.write(`| ${path} | ${n} | ${(r.ops / r.secs).toFixed(0)} | ${pct(r.lat, 50).toFixed(2)} | ${pct(r.lat, 99).toFixed(2)} | ${r.errors} |\n`);
    }
  }
  process.stdout.write('\n');
}

async function writesRows(target: Target, label: string, clientCounts: number[], seconds: number, valueBytes: number): Promise<void> {
  // Warm-up: JIT, connections.
  await load(target, 4, 1, valueBytes);
  process.stdout.write(`target: ${label}; ${seconds}s per row; ${valueBytes}-byte values; distinct keys\n\n`);
  process.stdout.write('| clients | writes/s | p50 ms | p99 ms | errors |\n|--:|--:|--:|--:|--:|\n');
  for (const n of clientCounts) {
    const r = await load(target, n, seconds, valueBytes);
    process.stdout.write(`| ${n} | ${(r.ops / r.secs).toFixed(0)} | ${pct(r.lat, 50).toFixed(2)} | ${pct(r.lat, 99).toFixed(2)} | ${r.errors} |\n`);
  }
}

try {
  await main();
} catch (e) {
  if (!(e instanceof BadFlag)) throw e;
  process.stderr.write(`bench:cluster: ${e.message} (--help lists the flags)\n`);
  process.exitCode = 2;
}
