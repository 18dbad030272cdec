// Real processes started by the CLI: one node per data directory (issue 13, scenario 1), `cluster
// stop|status` finding nodes through their data directories, the kill/restart/pause/resume drills,
// JSON event logs and `/metrics`.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpRequest } from '../../src/runtime/client.ts';
import { liveHolder, processStart, readHolder } from '../../src/runtime/lock.ts';
import { BIN, sleep } from './harness.ts';

let dir = '';
const pids = new Set<number>();

afterEach(() => {
  spawnSync(process.execPath, [BIN, 'cluster', 'stop', '--dir', dir], { timeout: 20_000 });
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  pids.clear();
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 40_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dataOf = (id: string) => join(dir, 'data', id);
const gone = (pid: number) => processStart(pid) === null;

function startCluster(...extra: string[]): Record<string, number> {
  dir = mkdtempSync(join(tmpdir(), 'cc-ops-'));
  const r = cli('cluster', 'start', '--nodes', '3', '--dir', dir, ...extra);
  const found: Record<string, number> = {};
  for (const id of ['s1', 's2', 's3']) {
    const h = liveHolder(dataOf(id));
    if (h !== null) found[id] = h.pid;
    if (h !== null) pids.add(h.pid);
  }
  expect(r.code, r.err).toBe(0);
  return found;
}

async function until<T>(f: () => T | null | Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const x = await f();
    if (x !== null) return x;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(50);
  }
}

const httpPort = (id: string) => (JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as { nodes: Record<string, { httpPort: number }> }).nodes[id]!.httpPort;

async function roleOf(id: string): Promise<{ role: string; term: number } | null> {
  try {
    const r = await httpRequest(`http://127.0.0.1:${httpPort(id)}/status`, 'GET', null, {}, 500);
    return r.body as unknown as { role: string; term: number };
  } catch {
    return null;
  }
}

async function leader(among = ['s1', 's2', 's3']): Promise<string> {
  return until(async () => {
    for (const id of among) if ((await roleOf(id))?.role === 'Leader') return id;
    return null;
  });
}

describe('one node per data directory (issue 13, scenario 1)', () => {
  it('cluster stop stops a node restarted by hand; a second cluster start and a second node on a data dir are refused', async () => {
    const before = startCluster();
    const old = before['s2'] as number;
    process.kill(old, 'SIGKILL');
    await until(() => (gone(old) ? true : null));
    // The operator restarts s2 by hand, the documented way.
    const fd = openSync(join(dir, 's2-by-hand.log'), 'a');
    const hand = spawn(process.execPath, [BIN, 'node', '--id', 's2', '--config', join(dir, 'cluster.json')], { detached: true, stdio: ['ignore', fd, fd] });
    hand.unref();
    const pid = hand.pid as number;
    pids.add(pid);
    await until(() => (liveHolder(dataOf('s2'))?.pid === pid ? true : null));

    const second = cli('node', '--id', 's2', '--config', join(dir, 'cluster.json'));
    expect(second.code).toBe(2);
    expect(second.err).toBe(`error: node s2: data directory ${dataOf('s2')} is in use by pid ${pid} (started ${readHolder(dataOf('s2'))?.startedAt}); one node per data directory: stop that process first\n`);

    const again = cli('cluster', 'start', '--dir', dir);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(new RegExp(`^error: a cluster is already running in ${dir}: s1 \\(pid ${before['s1']}\\), s2 \\(pid ${pid}\\), s3 \\(pid ${before['s3']}\\); stop it first`));

    expect(cli('cluster', 'status', '--dir', dir).out).toMatch(new RegExp(`^s2 +${pid} +http`, 'm'));
    // A paused node is stopped too (SIGTERM, then SIGCONT so that it can act on it).
    expect(cli('cluster', 'pause', 's1', '--dir', dir)).toMatchObject({ code: 0 });
    expect(cli('cluster', 'stop', '--dir', dir)).toMatchObject({ code: 0, out: 'stopped 3 node(s)\n' });
    expect(readFileSync(join(dir, 's1.log'), 'utf8')).toMatch(/ s1 stopping on SIGTERM$/m); // not SIGKILLed while stopped
    for (const p of [before['s1'] as number, pid, before['s3'] as number]) expect(gone(p)).toBe(true);
    expect(cli('cluster', 'stop', '--dir', dir)).toMatchObject({ code: 0, out: `no node running in ${dir}\n` });
  }, 90_000);
});

describe('fault drills, event logs and metrics', () => {
  it('kill, restart, pause and resume by node id; JSON lines record elections, votes, leader changes and step-downs', async () => {
    const first = startCluster('--log-format', 'json');
    const l1 = await leader();
    expect(cli('cluster', 'kill', l1, '--dir', dir)).toMatchObject({ code: 0, out: `killed ${l1} (pid ${first[l1]})\n` });
    expect(gone(first[l1] as number)).toBe(true);
    const rest = ['s1', 's2', 's3'].filter((id) => id !== l1);
    const l2 = await leader(rest);
    expect(cli('kv', 'put', 'k', 'v', '--dir', dir)).toMatchObject({ code: 0 });

    const re = cli('cluster', 'restart', l1, '--dir', dir);
    expect(re.code, re.err).toBe(0);
    const pid = Number(/^restarted s\d \(pid (\d+)\)\n$/.exec(re.out)?.[1]);
    pids.add(pid);
    expect(readHolder(dataOf(l1))?.argv).toContain('json'); // the same arguments: --log-format json

    // Paused past its election timeout, the leader comes back to a higher term and steps down.
    expect(cli('cluster', 'pause', l2, '--dir', dir)).toMatchObject({ code: 0, out: `paused ${l2} (pid ${first[l2]})\n` });
    const st = cli('cluster', 'status', '--dir', dir);
    expect(st.code).toBe(1);
    expect(st.out).toMatch(new RegExp(`^${l2} +${first[l2]} +http\\S+ +no answer`, 'm'));
    await leader(['s1', 's2', 's3'].filter((id) => id !== l2));
    expect(cli('cluster', 'resume', l2, '--dir', dir)).toMatchObject({ code: 0, out: `resumed ${l2} (pid ${first[l2]})\n` });
    await until(async () => ((await roleOf(l2))?.role === 'Follower' ? true : null));
    // Every node answers again (a loaded machine may miss status's 1 s timeout once: ask again).
    await until(() => (cli('cluster', 'status', '--dir', dir).code === 0 ? true : null), 30_000);

    const events = (id: string) =>
      readFileSync(join(dir, `${id}.log`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const all = ['s1', 's2', 's3'].flatMap(events);
    for (const e of all) expect(typeof e['ts'] === 'string' && e['node'] !== undefined && typeof e['msg'] === 'string').toBe(true);
    const of = (name: string) => all.filter((e) => e['event'] === name);
    for (const name of ['election', 'vote', 'leader', 'step-down', 'wal-recovery']) {
      expect(of(name).length, name).toBeGreaterThan(0);
      for (const e of of(name)) expect([typeof e['term'], typeof e['lastIndex']]).toEqual(['number', 'number']);
    }
    expect(events(l2).some((e) => e['event'] === 'step-down')).toBe(true);
    expect(events(l1).filter((e) => e['event'] === 'wal-recovery').at(-1)?.['records']).toBeGreaterThan(0);
    expect(cli('cluster', 'kill', 's9', '--dir', dir)).toMatchObject({ code: 2 });
  }, 120_000);

  it('GET /metrics answers in Prometheus text format with the node metrics', async () => {
    startCluster();
    const l = await leader();
    const url = `http://127.0.0.1:${httpPort(l)}`;
    expect((await httpRequest(`${url}/kv/m`, 'PUT', '1', {}, 5000)).code).toBe(200);
    const r = await fetch(`${url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await r.text();
    for (const m of ['cc_term', 'cc_commit_index', 'cc_applied_index', 'cc_is_leader', 'cc_leader', 'cc_wal_fsync_seconds_bucket', 'cc_commit_seconds_bucket', 'cc_proposals_total', 'cc_elections_total']) {
      expect(body, m).toMatch(new RegExp(`^${m}\\{.*node="${l}".*\\} \\d`, 'm'));
    }
    expect(body).toMatch(new RegExp(`^cc_leader\\{leader="${l}",node="${l}"\\} 1$`, 'm'));
    expect(body).toMatch(new RegExp(`^cc_proposals_total\\{outcome="done",node="${l}"\\} 1$`, 'm'));
  }, 60_000);
});
