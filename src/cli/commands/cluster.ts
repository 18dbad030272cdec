// `cluster start|stop|status|kill|restart|pause|resume`: a local cluster of node processes on
// 127.0.0.1, kept in a directory (default ./cluster): cluster.json (addresses, secret), one log file
// and one data dir per node. Nodes are found through their data directories (each running node holds
// the lock file there, which names its pid), never through a list kept by the launcher.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../core/index.ts';
import { Agent as HttpsAgent } from 'node:https';
import { httpRequest } from '../../runtime/client.ts';
import { loadCa } from '../../runtime/transport/tls.ts';
import { loadClusterConfig } from '../../runtime/config.ts';
import { holderAlive, liveHolder, processStart, readHolder } from '../../runtime/lock.ts';
import type { Holder } from '../../runtime/lock.ts';
import { parseLogFormat } from '../../runtime/logging.ts';
import { intFlag, parseFlags } from '../args.ts';
import { EXIT } from '../exit.ts';
import { runnable } from '../runtimes.ts';
import type { Command } from './index.ts';
import { MEMBER_COMMANDS, members } from './cluster-members.ts';

const BIN = fileURLToPath(new URL('../bin.mjs', import.meta.url));

/** Ports handed out by this process, never handed out twice. */
const given = new Set<number>();

/**
 * A free TCP port on 127.0.0.1, bound and released. Picked below the kernel's ephemeral range, from
 * which outgoing connections take their source ports: one of those could take a port chosen there
 * before the node listens on it (EADDRINUSE), now or at a restart. The kernel's own choice if none is free.
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  for (let k = 0; low > 11_000 && k < 64; k += 1) {
    const port = 10_000 + Math.floor(Math.random() * (low - 10_000));
    if (given.has(port) || (await bind(port)) === null) continue;
    given.add(port);
    return port;
  }
  return (await bind(0)) ?? 0;
}

/** The first port of the kernel's ephemeral range (Linux's file; IANA's 49152 elsewhere). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isSafeInteger(low) ? low : 49_152;
  } catch {
    return 49_152;
  }
}

/** Binds `port` on 127.0.0.1 and releases it: the port bound, or null if it is taken. */
function bind(port: number): Promise<number | null> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(null));
    s.listen(port, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a !== null ? a.port : null));
    });
  });
}

type Proc = { readonly id: string; readonly dir: string; readonly holder: Holder | null };

/** Each node of the cluster in `configPath`, with the live process holding its data directory. */
function procs(configPath: string): Proc[] {
  const c = loadClusterConfig(configPath);
  return Object.keys(c.nodes).map((id) => {
    const dir = join(c.dataDir, id);
    return { id, dir, holder: liveHolder(dir) };
  });
}

function signal(h: Holder, sig: NodeJS.Signals): string | null {
  try {
    process.kill(h.pid, sig);
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH' ? null : (e as Error).message;
  }
}

/** Waits up to `ms` for every holder in `hs` to be gone; returns those still alive. */
async function waitGone(hs: readonly Holder[], ms: number): Promise<Holder[]> {
  const end = Date.now() + ms;
  let left = hs.filter(holderAlive);
  while (left.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter(holderAlive);
  }
  return left;
}

/** SIGTERM (and SIGCONT, in case it is paused), then SIGKILL after `graceMs`; reports each node. */
async function stopAll(ps: readonly Proc[], graceMs: number): Promise<{ stopped: Proc[]; failed: string[] }> {
  const failed: string[] = [];
  const live = ps.filter((p): p is Proc & { holder: Holder } => p.holder !== null);
  for (const p of live) {
    const err = signal(p.holder, 'SIGTERM') ?? signal(p.holder, 'SIGCONT');
    if (err !== null) failed.push(`could not signal ${p.id} (pid ${p.holder.pid}): ${err}`);
  }
  const stubborn = await waitGone(live.map((p) => p.holder), graceMs);
  for (const h of stubborn) {
    const p = live.find((x) => x.holder === h) as Proc;
    process.stderr.write(`${p.id} (pid ${h.pid}) did not stop within ${graceMs / 1000} s of SIGTERM; sending SIGKILL\n`);
    signal(h, 'SIGKILL');
  }
  const left = await waitGone(stubborn, 5000);
  for (const h of left) {
    const p = live.find((x) => x.holder === h) as Proc;
    failed.push(`${p.id} (pid ${h.pid}) is still running after SIGKILL`);
  }
  const stopped = live.filter((p) => !left.includes(p.holder) && !holderAlive(p.holder));
  return { stopped, failed: [...new Set(failed)] };
}

/** Spawns `node --id id --config file` detached, output to `log`; returns the pid. */
export function spawnNode(config: string, id: string, log: string, extra: readonly string[] = []): number {
  const fd = openSync(log, 'a');
  const child = spawn(process.execPath, [BIN, 'node', '--id', id, '--config', config, ...extra], {
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  child.unref();
  return child.pid ?? 0;
}

/** Starts again, detached, the command line a node's lock file recorded. */
function respawn(h: Holder, log: string): number {
  const fd = openSync(log, 'a');
  const child = spawn(h.execPath, [...h.execArgv, ...h.argv], { cwd: h.cwd, detached: true, stdio: ['ignore', fd, fd] });
  child.unref();
  return child.pid ?? 0;
}

type Row = { id: string; url: string; pid: number | null; status: Record<string, unknown> | null };

async function statuses(configPath: string): Promise<Row[]> {
  const c = loadClusterConfig(configPath);
  const pids = new Map(procs(configPath).map((p) => [p.id, p.holder?.pid ?? null]));
  // A TLS cluster serves its client port over HTTPS, with certificates from the cluster's CA.
  const agent = c.tls === null ? undefined : new HttpsAgent({ ca: loadCa(c.tls.ca) });
  return Promise.all(
    Object.entries(c.nodes).map(async ([id, a]) => {
      const url = `${agent === undefined ? 'http' : 'https'}://${a.host}:${a.httpPort}`;
      const pid = pids.get(id) ?? null;
      try {
        const r = await httpRequest(`${url}/status`, 'GET', null, {}, 1000, agent);
        return { id, url, pid, status: r.body };
      } catch {
        return { id, url, pid, status: null };
      }
    }),
  );
}

function table(rows: Row[]): string {
  const lines = [['node', 'pid', 'http', 'role', 'term', 'commit', 'leader']];
  for (const r of rows) {
    const s = r.status;
    const pid = r.pid === null ? '-' : String(r.pid);
    // A process that holds the directory but does not answer (paused, starting, stuck).
    const down = r.pid === null ? 'down' : 'no answer';
    lines.push(s === null ? [r.id, pid, r.url, down, '-', '-', '-'] : [r.id, pid, r.url, String(s['role']), String(s['term']), String(s['commitIndex']), String(s['leader'] ?? '-')]);
  }
  const w = lines[0]!.map((_, k) => Math.max(...lines.map((l) => (l[k] as string).length)));
  return lines.map((l) => l.map((x, k) => x.padEnd(w[k] as number)).join('  ').trimEnd()).join('\n') + '\n';
}

const options = {
  nodes: { type: 'string' },
  dir: { type: 'string' },
  'base-port': { type: 'string' },
  token: { type: 'string' },
  'no-fsync': { type: 'boolean' },
  wait: { type: 'string' },
  'log-format': { type: 'string' },
  protocol: { type: 'string' },
  'trace-log': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { nodes?: string; dir?: string; 'base-port'?: string; token?: string; 'no-fsync'?: boolean; wait?: string; 'log-format'?: string; protocol?: string; 'trace-log'?: string; help?: boolean };

const USAGE = `usage: consensus-checked cluster start [--nodes 3] [--protocol raft|multipaxos] [--dir ./cluster] [--base-port P] [--token T] [--log-format text|json]
                                     [--trace-log DIR]   (each node writes DIR/<id>.trace.jsonl for \`validate\`)
       consensus-checked cluster status [--dir ./cluster]
       consensus-checked cluster stop [--dir ./cluster]
       consensus-checked cluster kill|restart|pause|resume NODE [--dir ./cluster]
       consensus-checked cluster add|promote|remove NODE [--dir ./cluster] [--wait S]   (membership change, one at a time)
       consensus-checked cluster members [--dir ./cluster]
`;

const DRILLS = ['kill', 'restart', 'pause', 'resume'];

async function start(dir: string, configPath: string, values: Values): Promise<number> {
  const n = intFlag(values.nodes, 'nodes', 1, 9) ?? 3;
  const logFormat = parseLogFormat(values['log-format']);
  const protocol = values.protocol ?? 'raft';
  runnable(protocol);
  if (existsSync(configPath)) {
    let running: Proc[] = [];
    try {
      running = procs(configPath).filter((p) => p.holder !== null);
    } catch {
      // an unreadable old cluster.json: it is rewritten below
    }
    if (running.length > 0) {
      const who = running.map((p) => `${p.id} (pid ${p.holder?.pid})`).join(', ');
      throw new UsageError(`a cluster is already running in ${dir}: ${who}; stop it first ('cluster stop --dir ${dir}')`);
    }
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create ${dir}: ${(e as Error).message}`);
  }
  const base = intFlag(values['base-port'], 'base-port', 1024, 65535 - 2 * n);
  const nodes: Record<string, { host: string; peerPort: number; httpPort: number }> = {};
  for (let k = 1; k <= n; k += 1) {
    nodes[`s${k}`] =
      base === undefined
        ? { host: '127.0.0.1', peerPort: await freePort(), httpPort: await freePort() }
        : { host: '127.0.0.1', peerPort: base + 2 * (k - 1), httpPort: base + 2 * (k - 1) + 1 };
  }
  const config = {
    ...(protocol !== 'raft' ? { protocol } : {}),
    nodes,
    secret: randomBytes(24).toString('hex'),
    ...(values.token !== undefined ? { token: values.token } : {}),
    dataDir: 'data',
    ...(values['no-fsync'] === true ? { fsync: false } : {}),
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  loadClusterConfig(configPath);
  const extra = logFormat === 'json' ? ['--log-format', 'json'] : [];
  if (values['trace-log'] !== undefined) extra.push('--trace-log', traceDir(values['trace-log']));
  for (const id of Object.keys(nodes)) spawnNode(configPath, id, join(dir, `${id}.log`), extra);
  const waitMs = (intFlag(values.wait, 'wait', 0) ?? 20) * 1000;
  const end = Date.now() + waitMs;
  let rows = await statuses(configPath);
  while (Date.now() < end && !rows.some((r) => r.status?.['role'] === 'Leader')) {
    await new Promise((r) => setTimeout(r, 200));
    rows = await statuses(configPath);
  }
  process.stdout.write(table(rows));
  const leader = rows.find((r) => r.status?.['role'] === 'Leader');
  if (leader === undefined) {
    process.stderr.write(`no leader elected within ${waitMs / 1000}s; see the logs in ${dir}\n`);
    return EXIT.internal;
  }
  process.stdout.write(`leader ${leader.id}; try: curl -X PUT ${leader.url}/kv/a -d 1${values.token ? ` -H 'Authorization: Bearer ${values.token}'` : ''}\n`);
  return EXIT.ok;
}

/** The per-node trace log path under DIR (created), absolute so that a restarted node finds it. */
function traceDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`--trace-log: cannot create ${dir}: ${(e as Error).message}`);
  }
  return join(resolve(dir), '{id}.trace.jsonl');
}

async function stop(dir: string, configPath: string): Promise<number> {
  const ps = procs(configPath);
  if (ps.every((p) => p.holder === null)) {
    process.stdout.write(`no node running in ${dir}\n`);
    return EXIT.ok;
  }
  const { stopped, failed } = await stopAll(ps, 5000);
  process.stdout.write(`stopped ${stopped.length} node(s)\n`);
  for (const f of failed) process.stderr.write(`error: ${f}\n`);
  return failed.length === 0 ? EXIT.ok : EXIT.internal;
}

/** `kill|restart|pause|resume NODE`: fault drills on one node, found through its data directory. */
async function drill(sub: string, node: string | undefined, dir: string, configPath: string): Promise<number> {
  if (node === undefined) throw new UsageError(`cluster ${sub}: expected NODE (a node id)`);
  const ps = procs(configPath);
  const p = ps.find((x) => x.id === node);
  if (p === undefined) throw new UsageError(`cluster ${sub}: unknown node '${node}' (${configPath} has: ${ps.map((x) => x.id).join(', ')})`);
  const h = p.holder;
  if (sub === 'restart') return restart(p, dir, configPath);
  if (h === null) {
    process.stderr.write(`error: ${node} is not running (no live process holds ${p.dir})\n`);
    return EXIT.internal;
  }
  const sig = ({ kill: 'SIGKILL', pause: 'SIGSTOP', resume: 'SIGCONT' } as const)[sub as 'kill' | 'pause' | 'resume'];
  const err = signal(h, sig);
  if (err !== null) {
    process.stderr.write(`error: cannot signal ${node} (pid ${h.pid}): ${err}\n`);
    return EXIT.internal;
  }
  if (sub === 'kill' && (await waitGone([h], 5000)).length > 0) {
    process.stderr.write(`error: ${node} (pid ${h.pid}) is still running after SIGKILL\n`);
    return EXIT.internal;
  }
  process.stdout.write(`${({ kill: 'killed', pause: 'paused', resume: 'resumed' } as const)[sub as 'kill' | 'pause' | 'resume']} ${node} (pid ${h.pid})\n`);
  return EXIT.ok;
}

/** Stops the node if it runs, then starts it with the command line its lock file recorded. */
async function restart(p: Proc, dir: string, configPath: string): Promise<number> {
  const last = readHolder(p.dir);
  if (p.holder !== null) {
    const { failed } = await stopAll([p], 5000);
    for (const f of failed) process.stderr.write(`error: ${f}\n`);
    if (failed.length > 0) return EXIT.internal;
  }
  const log = join(dir, `${p.id}.log`);
  const pid = last === null ? spawnNode(configPath, p.id, log) : respawn(last, log);
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const h = liveHolder(p.dir);
    if (h !== null && h.pid === pid) {
      process.stdout.write(`restarted ${p.id} (pid ${pid})\n`);
      return EXIT.ok;
    }
    if (processStart(pid) === null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stderr.write(`error: ${p.id} (pid ${pid}) did not take its data directory; see ${log}\n`);
  return EXIT.internal;
}

export const cluster: Command = {
  summary: 'cluster start|stop|status|kill|restart|pause|resume [--nodes N] [--dir DIR]: a local Raft key-value cluster on 127.0.0.1',
  async run(argv) {
    const { values: v, positionals } = parseFlags(argv, options, 'cluster');
    const values = v as Values;
    if (values.help === true) {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    const sub = positionals[0];
    const max = sub !== undefined && (DRILLS.includes(sub) || (MEMBER_COMMANDS.includes(sub) && sub !== 'members')) ? 2 : 1;
    if (positionals.length > max) throw new UsageError(`cluster: unexpected argument '${positionals[max]}'`);
    const dir = resolve(values.dir ?? 'cluster');
    const configPath = join(dir, 'cluster.json');
    if (sub === 'start') return start(dir, configPath, values);
    if (sub === undefined || !['status', 'stop', ...DRILLS, ...MEMBER_COMMANDS].includes(sub)) {
      throw new UsageError(`cluster: expected start, stop, status, kill, restart, pause, resume, add, promote, remove or members${sub === undefined ? '' : `, got '${sub}'`}`);
    }
    if (!existsSync(configPath)) throw new UsageError(`no cluster in ${dir} (no cluster.json); start one with 'cluster start'`);
    if (MEMBER_COMMANDS.includes(sub)) {
      const ctx = {
        dir,
        configPath,
        waitS: intFlag(values.wait, 'wait', 1) ?? 60,
        spawn: (id: string) => void spawnNode(configPath, id, join(dir, `${id}.log`), ['--join']),
        stop: async (id: string) => {
          const p = procs(configPath).find((q) => q.id === id);
          if (p === undefined || p.holder === null) return false;
          return (await stopAll([p], 5000)).stopped.length === 1;
        },
      };
      return members(sub, positionals[1], ctx, freePort);
    }
    if (sub === 'status') {
      const rows = await statuses(configPath);
      process.stdout.write(table(rows));
      return rows.every((r) => r.status !== null) ? EXIT.ok : EXIT.internal;
    }
    if (sub === 'stop') return stop(dir, configPath);
    return drill(sub, positionals[1], dir, configPath);
  },
};
