// A cluster of real node processes on 127.0.0.1 for integration tests: free ports, a temporary data
// directory, short timers, the test-only fault layer on; every process is killed by pid in `stop`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/cli/commands/cluster.ts';
import { httpRequest } from '../../src/runtime/client.ts';
import type { Faults } from '../../src/runtime/transport/tcp.ts';

export const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

export { freePort };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Status = { id: string; role: string; term: number; commitIndex: number; leader: string | null; lastIndex: number; applied: number };

export class Cluster {
  readonly dir: string;
  readonly config: string;
  readonly ids: string[];
  readonly nodes: Record<string, { host: string; peerPort: number; httpPort: number }>;
  readonly procs = new Map<string, ChildProcess>();
  readonly token: string;

  private constructor(dir: string, nodes: Cluster['nodes'], token: string) {
    this.dir = dir;
    this.config = join(dir, 'cluster.json');
    this.nodes = nodes;
    this.ids = Object.keys(nodes);
    this.token = token;
  }

  /** Extra arguments of every node process (e.g. a broken `--variant`). */
  nodeArgs: string[] = [];

  /** Per-node config files, for nodes whose settings differ (e.g. their election timeouts). */
  readonly configOf = new Map<string, string>();
  private base: Record<string, unknown> = {};

  /** Node id reads its own copy of cluster.json with `o` overriding fields (from its next spawn on). */
  setNodeConfig(id: string, o: Record<string, unknown>): void {
    const file = join(this.dir, `cluster-${id}.json`);
    writeFileSync(file, JSON.stringify({ ...this.base, ...o }));
    this.configOf.set(id, file);
  }

  /**
   * Starts n nodes s1..sn. `extra` overrides cluster.json fields for all nodes, `perNode` for some
   * (each such node reads its own copy of the file), `nodeArgs` are extra arguments of every node.
   */
  static async start(n: number, extra: Record<string, unknown> = {}, nodeArgs: string[] = [], perNode: Record<string, Record<string, unknown>> = {}): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), 'cc-int-'));
    const nodes: Cluster['nodes'] = {};
    for (let k = 1; k <= n; k += 1) nodes[`s${k}`] = { host: '127.0.0.1', peerPort: await freePort(), httpPort: await freePort() };
    const token = randomBytes(8).toString('hex');
    const c = new Cluster(dir, nodes, token);
    c.nodeArgs = nodeArgs;
    const base = { nodes, secret: randomBytes(16).toString('hex'), token, dataDir: 'data', electionMs: [150, 300], heartbeatMs: 30, commandTimeoutMs: 2000, ...extra };
    writeFileSync(c.config, JSON.stringify(base));
    c.base = base;
    for (const [id, o] of Object.entries(perNode)) c.setNodeConfig(id, o);
    for (const id of c.ids) c.spawn(id);
    return c;
  }

  url(id: string): string {
    const a = this.nodes[id];
    if (a === undefined) throw new Error(`no node ${id}`);
    return `http://127.0.0.1:${a.httpPort}`;
  }

  get urls(): string[] {
    return this.ids.map((id) => this.url(id));
  }

  walPath(id: string): string {
    return join(this.dir, 'data', id, 'wal.log');
  }

  logOf(id: string): string {
    try {
      return readFileSync(join(this.dir, `${id}.log`), 'utf8');
    } catch {
      return '';
    }
  }

  spawn(id: string): ChildProcess {
    const fd = openSync(join(this.dir, `${id}.log`), 'a');
    const p = spawn(process.execPath, [BIN, 'node', '--id', id, '--config', this.configOf.get(id) ?? this.config, '--enable-faults', ...this.nodeArgs], { stdio: ['ignore', fd, fd] });
    this.procs.set(id, p);
    return p;
  }

  /** kill -9 a node and wait for it to be gone. */
  async kill(id: string): Promise<void> {
    const p = this.procs.get(id);
    if (p === undefined || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
    this.procs.delete(id);
  }

  async status(id: string): Promise<Status | null> {
    try {
      const r = await httpRequest(`${this.url(id)}/status`, 'GET', null, {}, 500);
      return r.body as unknown as Status;
    } catch {
      return null;
    }
  }

  async statuses(): Promise<(Status | null)[]> {
    return Promise.all(this.ids.map((id) => this.status(id)));
  }

  /** Waits until one of `among` is leader and the others that are up agree; returns its id. */
  async waitLeader(among: readonly string[] = this.ids, ms = 30_000): Promise<string> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const ss = (await Promise.all(among.map((id) => this.status(id)))).filter((s): s is Status => s !== null);
      const leaders = ss.filter((s) => s.role === 'Leader');
      const top = leaders.sort((a, b) => b.term - a.term)[0];
      if (top !== undefined && ss.filter((s) => s.leader === top.id && s.term === top.term).length * 2 > this.ids.length) return top.id;
      await sleep(50);
    }
    throw new Error(`no leader among ${among.join(',')} within ${ms} ms: ${JSON.stringify(await this.statuses())}`);
  }

  /** Waits until `pred` holds for node id's status. */
  async waitStatus(id: string, pred: (s: Status) => boolean, ms = 30_000): Promise<Status> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const s = await this.status(id);
      if (s !== null && pred(s)) return s;
      await sleep(50);
    }
    throw new Error(`node ${id} did not reach the expected status within ${ms} ms: ${JSON.stringify(await this.status(id))}`);
  }

  /** Sets node id's faults (retrying for up to 10 s while the node is still starting). */
  async faults(id: string, f: Faults): Promise<void> {
    const end = Date.now() + 10_000;
    for (;;) {
      try {
        const r = await httpRequest(`${this.url(id)}/_faults`, 'POST', JSON.stringify(f), { authorization: `Bearer ${this.token}` }, 2000);
        if (r.code !== 200) throw new Error(`faults on ${id}: ${r.code} ${JSON.stringify(r.body)}`);
        return;
      } catch (e) {
        if (Date.now() > end || /^faults on/.test((e as Error).message)) throw e;
        await sleep(100);
      }
    }
  }

  /** Heals every fault on every live node. */
  async heal(): Promise<void> {
    await Promise.all(this.ids.filter((id) => this.procs.has(id)).map((id) => this.faults(id, {}).catch(() => {})));
  }

  /** Partitions the cluster into the given groups (nodes not listed keep talking to everyone). */
  async partition(groups: readonly (readonly string[])[]): Promise<void> {
    await Promise.all(
      groups.flatMap((g) =>
        g.map((id) => this.faults(id, { block: this.ids.filter((j) => !g.includes(j)) }).catch(() => {})),
      ),
    );
  }

  async stop(): Promise<void> {
    for (const id of [...this.procs.keys()]) await this.kill(id);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let session = 0;
const clientId = `test-${randomBytes(4).toString('hex')}`;

/**
 * A request with the cluster token and a session (client id, seq): retried on 502/503/504 or a
 * network error for up to 10 s with the same seq, so that it is applied at most once.
 */
export async function kv(c: Cluster, id: string, method: string, key: string, body: string | null = null, query = ''): Promise<{ code: number; body: Record<string, unknown> }> {
  const headers = { authorization: `Bearer ${c.token}`, 'x-client-id': clientId, 'x-seq': String(++session) };
  const end = Date.now() + 10_000;
  for (;;) {
    try {
      const r = await httpRequest(`${c.url(id)}/kv/${encodeURIComponent(key)}${query}`, method, body, headers, 3000);
      if (![502, 503, 504].includes(r.code) || Date.now() > end) return r;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await sleep(100);
  }
}
