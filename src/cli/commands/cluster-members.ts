// `cluster add|promote|remove|members NODE`: membership change of a local cluster through the leader's
// /admin/members endpoint (src/runtime/admin.ts). `add` writes the new node's address into cluster.json
// (the secret is already there) and starts it as a joining learner; `remove` records the removal in the
// node's data directory (it then refuses to start as a member) and stops it, keeping its data.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { join } from 'node:path';
import { UsageError } from '../../core/index.ts';
import { httpRequest } from '../../runtime/client.ts';
import type { HttpReply } from '../../runtime/client.ts';
import { loadClusterConfig } from '../../runtime/config.ts';
import type { ClusterConfig } from '../../runtime/config.ts';
import { liveHolder } from '../../runtime/lock.ts';
import { readRemoval, writeRemoval } from '../../runtime/removed.ts';
import { loadCa } from '../../runtime/transport/tls.ts';
import { EXIT } from '../exit.ts';

export const MEMBER_COMMANDS = ['add', 'promote', 'remove', 'members'];

/** What the membership commands need from `cluster.ts`. */
export interface MemberContext {
  readonly dir: string;
  readonly configPath: string;
  /** Seconds to keep trying while the cluster has no leader or a refusal may pass (default 60). */
  readonly waitS: number;
  readonly spawn: (id: string) => void;
  readonly stop: (id: string) => Promise<boolean>;
}

type Client = { readonly c: ClusterConfig; readonly agent: HttpsAgent | undefined; readonly headers: Record<string, string> };

function client(configPath: string): Client {
  const c = loadClusterConfig(configPath);
  const agent = c.tls === null ? undefined : new HttpsAgent({ ca: loadCa(c.tls.ca) });
  return { c, agent, headers: c.token === null ? {} : { authorization: `Bearer ${c.token}` } };
}

const url = (k: Client, id: string): string | null => {
  const a = k.c.nodes[id];
  return a === undefined ? null : `${k.agent === undefined ? 'http' : 'https'}://${a.host}:${a.httpPort}`;
};

async function ask(k: Client, id: string, method: string, body: string | null): Promise<HttpReply | null> {
  const u = url(k, id);
  if (u === null) return null;
  try {
    // A change waits at the leader until committed; a look answers at once (a paused node must not hold us up).
    return await httpRequest(`${u}/admin/members`, method, body, { ...k.headers, ...(body === null ? {} : { 'content-type': 'application/json' }) }, body === null ? 2000 : 60_000, k.agent);
  } catch {
    return null;
  }
}

/** The node that says it leads, asking every node of cluster.json, until `end`. */
async function findLeader(k: Client, end: number): Promise<string | null> {
  for (;;) {
    for (const id of Object.keys(k.c.nodes)) {
      const r = await ask(k, id, 'GET', null);
      const l = r?.code === 200 ? r.body['leader'] : null;
      if (typeof l === 'string' && l === r?.body['id']) return l;
    }
    if (Date.now() >= end) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Whether the configuration a leader shows has change `op node` done and committed (admin.ts's `done`). */
function isDone(op: string, node: string, b: Record<string, unknown>): boolean {
  const has = (f: string) => Array.isArray(b[f]) && (b[f] as string[]).includes(node);
  if (b['committed'] !== true || set(b['old']) !== set(b['voters'])) return false;
  return op === 'add' ? has('learners') || has('voters') : op === 'promote' ? has('voters') : !has('voters') && !has('learners');
}

/** Sends change `op node` to the leader, following leader hints and waiting out elections until `end`. */
async function change(k: Client, op: string, node: string, end: number): Promise<HttpReply> {
  let last: HttpReply = { code: 503, body: { error: 'no-leader', message: 'no leader found' } };
  let to = await findLeader(k, end);
  while (to !== null) {
    const r = await ask(k, to, 'POST', JSON.stringify({ op, node }));
    if (r !== null) last = r;
    // Proposed, but the leader changed or the wait ran out: the new leader's configuration says how it ended.
    if (r === null || r.code === 504) {
      const now = await settled(k, op, node, end);
      if (now !== null) return now;
      to = await findLeader(k, end);
      continue;
    }
    if (Date.now() >= end) break;
    // A refusal that lifts by itself (a learner still catching up) is asked again until --wait runs out.
    if (r !== null && r.code === 409 && r.body['error'] === 'not-yet') {
      await new Promise((res) => setTimeout(res, 500));
      continue;
    }
    if (r !== null && r.code !== 503) return r;
    const hint = r?.body['leader'];
    if (typeof hint !== 'string' || hint === to) await new Promise((res) => setTimeout(res, 250));
    to = typeof hint === 'string' && hint !== to ? hint : await findLeader(k, end);
  }
  return last;
}

/** Waits until a leader shows no change in progress; its answer if `op node` is then done, else null (propose again). */
async function settled(k: Client, op: string, node: string, end: number): Promise<HttpReply | null> {
  while (Date.now() < end) {
    const l = await findLeader(k, end);
    const r = l === null ? null : await ask(k, l, 'GET', null);
    if (r !== null && r.code === 200) {
      if (isDone(op, node, r.body)) return { code: 200, body: { ok: true, ...r.body } };
      if (r.body['committed'] === true && set(r.body['old']) === set(r.body['voters'])) return null;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  return { code: 504, body: { error: 'unknown', message: `${op} ${node} was proposed but not seen committed within --wait: see cluster members` } };
}

const message = (r: HttpReply): string => String(r.body['message'] ?? r.body['error'] ?? `HTTP ${r.code}`);
const set = (x: unknown): string => `{${(Array.isArray(x) ? x : []).join(',')}}`;

function showMembers(b: Record<string, unknown>): string {
  const joint = set(b['old']) !== set(b['voters']);
  const match = (b['match'] ?? {}) as Record<string, number>;
  const lines = [
    `leader ${String(b['leader'] ?? '-')}; configuration at index ${String(b['index'])} (${b['committed'] === true ? 'committed' : 'not committed yet'})${joint ? `, joint: old voters ${set(b['old'])}` : ''}`,
    `voters ${set(b['voters'])}`,
    `learners ${set(b['learners'])}`,
  ];
  const ids = [...new Set([...(b['voters'] as string[]), ...(b['old'] as string[]), ...(b['learners'] as string[])])].sort();
  if (Object.keys(match).length > 0) lines.push(`caught up to (commit index ${String(b['commitIndex'])}): ${ids.map((j) => `${j} ${j === b['leader'] ? 'leader' : String(match[j] ?? 0)}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Adds `id` with two free ports to cluster.json (the first configuration's voters kept as they were). */
async function writeAddress(configPath: string, id: string, freePort: () => Promise<number>): Promise<void> {
  const raw = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  const nodes = raw['nodes'] as Record<string, unknown>;
  raw['voters'] ??= Object.keys(nodes).sort();
  nodes[id] = { host: '127.0.0.1', peerPort: await freePort(), httpPort: await freePort() };
  const tmp = `${configPath}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(raw, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, configPath);
  loadClusterConfig(configPath);
}

async function add(x: MemberContext, node: string, freePort: () => Promise<number>, end: number): Promise<number> {
  let k = client(x.configPath);
  const dir = join(k.c.dataDir, node);
  if (k.c.nodes[node] === undefined) {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(node)) throw new UsageError(`cluster add: bad node id '${node}' (letters, digits, - and _, starting with a letter)`);
    await writeAddress(x.configPath, node, freePort);
    k = client(x.configPath);
  } else if (liveHolder(dir) !== null) {
    throw new UsageError(`cluster add: ${node} is already running (pid ${liveHolder(dir)?.pid}); see 'cluster members'`);
  }
  // A node removed earlier comes back on a fresh data directory; its old one is kept beside it.
  if (readRemoval(dir) !== null) {
    const kept = `${dir}.removed-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, kept);
    process.stdout.write(`kept the data of the removed ${node} in ${kept}\n`);
  }
  x.spawn(node);
  const r = await change(k, 'add', node, end);
  if (r.code !== 200) {
    process.stderr.write(`error: cluster add ${node}: ${message(r)} (${node} was started and is not a member; stop it with 'cluster kill ${node}' or retry the add)\n`);
    return EXIT.internal;
  }
  process.stdout.write(`added ${node} as a learner; it catches up from the leader, then: cluster promote ${node}\n${showMembers(r.body)}`);
  return EXIT.ok;
}

/** Asks the leader to `op` a node of the config; its answer, or null once the refusal is on stderr. */
async function changeNode(x: MemberContext, op: 'promote' | 'remove', node: string, end: number): Promise<{ k: Client; r: HttpReply } | null> {
  const k = client(x.configPath);
  if (k.c.nodes[node] === undefined) throw new UsageError(`cluster ${op}: unknown node '${node}' (${x.configPath} has: ${Object.keys(k.c.nodes).join(', ')})`);
  const r = await change(k, op, node, end);
  if (r.code === 200) return { k, r };
  process.stderr.write(`error: cluster ${op} ${node}: ${message(r)}\n`);
  return null;
}

async function remove(x: MemberContext, node: string, end: number): Promise<number> {
  const done = await changeNode(x, 'remove', node, end);
  if (done === null) return EXIT.internal;
  const { k, r } = done;
  const dir = join(k.c.dataDir, node);
  if (existsSync(dir)) writeRemoval(dir, { at: new Date().toISOString(), voters: (r.body['voters'] as string[]) ?? [], index: Number(r.body['index'] ?? 0) });
  const stopped = await x.stop(node);
  process.stdout.write(`removed ${node}${stopped ? ' and stopped it' : ''}; its data is kept in ${dir}\n${showMembers(r.body)}`);
  return EXIT.ok;
}

/** `cluster add|promote|remove NODE`, `cluster members`. */
export async function members(sub: string, node: string | undefined, x: MemberContext, freePort: () => Promise<number>): Promise<number> {
  const end = Date.now() + x.waitS * 1000;
  if (sub === 'members') {
    const k = client(x.configPath);
    const l = await findLeader(k, end);
    const r = l === null ? null : await ask(k, l, 'GET', null);
    if (r === null || r.code !== 200) {
      process.stderr.write(`error: cluster members: ${r === null ? `no leader answered within ${x.waitS} s` : message(r)}\n`);
      return EXIT.internal;
    }
    process.stdout.write(showMembers(r.body));
    return EXIT.ok;
  }
  if (node === undefined) throw new UsageError(`cluster ${sub}: expected NODE (a node id)`);
  if (sub === 'add') return add(x, node, freePort, end);
  if (sub === 'remove') return remove(x, node, end);
  const done = await changeNode(x, 'promote', node, end);
  if (done === null) return EXIT.internal;
  process.stdout.write(`promoted ${node} to voter\n${showMembers(done.r.body)}`);
  return EXIT.ok;
}
