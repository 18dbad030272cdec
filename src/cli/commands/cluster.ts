// `cluster start|stop|status`: a local cluster of node processes on 127.0.0.1, kept in a directory
// (default ./cluster): cluster.json (addresses, secret), pids.json, one log file and one data dir
// per node.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../core/index.ts';
import { httpRequest } from '../../runtime/client.ts';
import { loadClusterConfig } from '../../runtime/config.ts';
import { intFlag, parseFlags } from '../args.ts';
import { EXIT } from '../exit.ts';
import type { Command } from './index.ts';

const BIN = fileURLToPath(new URL('../bin.mjs', import.meta.url));

/** A free TCP port on 127.0.0.1 (bound and released; a small race the caller accepts). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPids(dir: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(join(dir, 'pids.json'), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
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

type Row = { id: string; url: string; status: Record<string, unknown> | null };

async function statuses(configPath: string): Promise<Row[]> {
  const c = loadClusterConfig(configPath);
  return Promise.all(
    Object.entries(c.nodes).map(async ([id, a]) => {
      const url = `http://${a.host}:${a.httpPort}`;
      try {
        const r = await httpRequest(`${url}/status`, 'GET', null, {}, 1000);
        return { id, url, status: r.body };
      } catch {
        return { id, url, status: null };
      }
    }),
  );
}

function table(rows: Row[]): string {
  const lines = [['node', 'http', 'role', 'term', 'commit', 'leader']];
  for (const r of rows) {
    const s = r.status;
    lines.push(s === null ? [r.id, r.url, 'down', '-', '-', '-'] : [r.id, r.url, String(s['role']), String(s['term']), String(s['commitIndex']), String(s['leader'] ?? '-')]);
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
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `usage: consensus-checked cluster start [--nodes 3] [--dir ./cluster] [--base-port P] [--token T]
       consensus-checked cluster status [--dir ./cluster]
       consensus-checked cluster stop [--dir ./cluster]
`;

export const cluster: Command = {
  summary: 'cluster start|stop|status [--nodes N] [--dir DIR]: a local Raft key-value cluster on 127.0.0.1',
  async run(argv) {
    const { values: v, positionals } = parseFlags(argv, options, 'cluster');
    const values = v as { nodes?: string; dir?: string; 'base-port'?: string; token?: string; 'no-fsync'?: boolean; wait?: string; help?: boolean };
    if (values.help === true) {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    const sub = positionals[0];
    if (positionals.length > 1) throw new UsageError(`cluster: unexpected argument '${positionals[1]}'`);
    const dir = resolve(values.dir ?? 'cluster');
    const configPath = join(dir, 'cluster.json');
    switch (sub) {
      case 'start': {
        const n = intFlag(values.nodes, 'nodes', 1, 9) ?? 3;
        const running = Object.values(readPids(dir)).filter(alive);
        if (running.length > 0) throw new UsageError(`a cluster is already running in ${dir} (pids ${running.join(', ')}); stop it first`);
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
          nodes,
          secret: randomBytes(24).toString('hex'),
          ...(values.token !== undefined ? { token: values.token } : {}),
          dataDir: 'data',
          ...(values['no-fsync'] === true ? { fsync: false } : {}),
        };
        writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
        loadClusterConfig(configPath);
        const pids: Record<string, number> = {};
        for (const id of Object.keys(nodes)) pids[id] = spawnNode(configPath, id, join(dir, `${id}.log`));
        writeFileSync(join(dir, 'pids.json'), `${JSON.stringify(pids)}\n`);
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
      case 'status': {
        if (!existsSync(configPath)) throw new UsageError(`no cluster in ${dir} (no cluster.json); start one with 'cluster start'`);
        const rows = await statuses(configPath);
        process.stdout.write(table(rows));
        return rows.every((r) => r.status !== null) ? EXIT.ok : EXIT.internal;
      }
      case 'stop': {
        const pids = readPids(dir);
        if (Object.keys(pids).length === 0) throw new UsageError(`no cluster in ${dir} (no pids.json)`);
        for (const pid of Object.values(pids)) if (alive(pid)) process.kill(pid, 'SIGTERM');
        const end = Date.now() + 5000;
        while (Date.now() < end && Object.values(pids).some(alive)) await new Promise((r) => setTimeout(r, 100));
        for (const pid of Object.values(pids)) if (alive(pid)) process.kill(pid, 'SIGKILL');
        writeFileSync(join(dir, 'pids.json'), '{}\n');
        process.stdout.write(`stopped ${Object.keys(pids).length} node(s)\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`cluster: expected start, stop or status${sub === undefined ? '' : `, got '${sub}'`}`);
    }
  },
};
