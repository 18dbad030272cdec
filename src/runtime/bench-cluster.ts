// `npm run bench:cluster [-- --clients 1,16,64 --seconds 10 --nodes 3]`: starts a local cluster with
// fsync on (the real `node` command, one process per node), drives it with N concurrent HTTP clients
// doing writes of distinct keys, and prints writes/s and p50/p99 latency per N.
// `--etcd http://127.0.0.1:2379` runs the same load generator against etcd's HTTP/JSON gateway
// (`POST /v3/kv/put`) instead; docs/runtime.md says how to start that etcd cluster.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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

async function load(t: Target, clients: number, seconds: number, valueBytes: number): Promise<{ ops: number; errors: number; secs: number; lat: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const lat: number[] = [];
  let errors = 0;
  const value = 'x'.repeat(valueBytes);
  const start = performance.now();
  const end = start + seconds * 1000;
  const prefix = randomBytes(3).toString('hex');
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let k = 0;
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          // All clients go to the first URL (the leader for ours; any member for etcd).
          if (await t.write(t.urls[0] as string, `${prefix}-${c}-${k++}`, value, agent)) lat.push(performance.now() - t0);
          else {
            errors += 1;
            await sleep(50); // e.g. an election: back off as a client would, no hot error loop
          }
        } catch {
          errors += 1;
          await sleep(50);
        }
      }
    }),
  );
  agent.destroy();
  return { ops: lat.length, errors, secs: (performance.now() - start) / 1000, lat: lat.sort((a, b) => a - b) };
}

const pct = (xs: number[], p: number) => (xs.length === 0 ? NaN : (xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] as number));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '1,16,64' },
      seconds: { type: 'string', default: '10' },
      nodes: { type: 'string', default: '3' },
      'value-bytes': { type: 'string', default: '16' },
      etcd: { type: 'string' },
      'no-fsync': { type: 'boolean' },
    },
  });
  const clientCounts = values.clients.split(',').map(Number);
  const seconds = Number(values.seconds);
  const n = Number(values.nodes);
  let target: Target;
  let cleanup = async (): Promise<void> => {};
  let label: string;
  if (values.etcd !== undefined) {
    target = etcd(values.etcd.split(','));
    label = `etcd at ${values.etcd}`;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
    const nodes: Record<string, { host: string; peerPort: number; httpPort: number }> = {};
    for (let k = 1; k <= n; k += 1) nodes[`s${k}`] = { host: '127.0.0.1', peerPort: await freePort(), httpPort: await freePort() };
    const config = join(dir, 'cluster.json');
    writeFileSync(config, JSON.stringify({ nodes, secret: randomBytes(16).toString('hex'), dataDir: 'data', fsync: values['no-fsync'] !== true }));
    const pids = Object.keys(nodes).map((id) => {
      const fd = openSync(join(dir, `${id}.log`), 'a');
      // BENCH_NODE_ARGS: extra node flags for the node processes, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
      const extra = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((x) => x !== '');
      return spawn(process.execPath, [...extra, BIN, 'node', '--id', id, '--config', config], { stdio: ['ignore', fd, fd] });
    });
    cleanup = async () => {
      for (const p of pids) p.kill('SIGTERM');
      for (let k = 0; k < 30 && pids.some((p) => p.exitCode === null && p.signalCode === null); k += 1) await sleep(100);
      for (const p of pids) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      await sleep(100);
      rmSync(dir, { recursive: true, force: true });
    };
    process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
    let leader: string | null = null;
    for (let k = 0; k < 100 && leader === null; k += 1) {
      await sleep(200);
      for (const [id, a] of Object.entries(nodes)) {
        try {
          const r = await httpRequest(`http://127.0.0.1:${a.httpPort}/status`, 'GET', null, {}, 500);
          if (r.body['role'] === 'Leader') leader = id;
        } catch {
          /* not up yet */
        }
      }
    }
    if (leader === null) {
      await cleanup();
      throw new Error('no leader elected within 20 s');
    }
    const l = nodes[leader] as { httpPort: number };
    target = ours([`http://127.0.0.1:${l.httpPort}`]);
    label = `${n} consensus-checked nodes (fsync ${values['no-fsync'] === true ? 'off' : 'on'}), leader ${leader}`;
  }
  try {
    // Warm-up: JIT, connections.
    await load(target, 4, 1, Number(values['value-bytes']));
    process.stdout.write(`target: ${label}; ${seconds}s per row; ${values['value-bytes']}-byte values; distinct keys\n\n`);
    process.stdout.write('| clients | writes/s | p50 ms | p99 ms | errors |\n|--:|--:|--:|--:|--:|\n');
    for (const c of clientCounts) {
      const r = await load(target, c, seconds, Number(values['value-bytes']));
      process.stdout.write(`| ${c} | ${(r.ops / r.secs).toFixed(0)} | ${pct(r.lat, 50).toFixed(2)} | ${pct(r.lat, 99).toFixed(2)} | ${r.errors} |\n`);
    }
  } finally {
    await cleanup();
  }
}

await main();
