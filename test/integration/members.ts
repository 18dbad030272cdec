// Helpers of the membership tests: the CLI run without blocking the event loop (the workload keeps
// running meanwhile), the configuration as the leader's /admin/members shows it, nodes the CLI started
// found and killed through their data directories, and the availability gap of a history.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpRequest } from '../../src/runtime/client.ts';
import type { HistoryRecorder } from '../../src/runtime/lin/history.ts';
import { liveHolder } from '../../src/runtime/lock.ts';
import { BIN, sleep } from './harness.ts';
import type { Cluster } from './harness.ts';
import { workload } from './workload.ts';

export type Members = { id: string; leader: string | null; voters: string[]; old: string[]; learners: string[]; index: number; committed: boolean; commitIndex: number; match: Record<string, number> };

/** `consensus-checked ARGS`, asynchronously. */
export function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** The node's address as cluster.json has it now (the CLI adds nodes to it); registers it with the harness. */
export function learnNode(c: Cluster, id: string): void {
  const nodes = (JSON.parse(readFileSync(c.config, 'utf8')) as { nodes: Cluster['nodes'] }).nodes;
  const a = nodes[id];
  if (a === undefined) throw new Error(`cluster.json has no ${id}`);
  (c.nodes as Record<string, Cluster['nodes'][string]>)[id] = a;
}

/** The pid holding node id's data directory, if any (nodes the CLI started). */
export function pidOf(c: Cluster, id: string): number | null {
  return liveHolder(join(c.dir, 'data', id))?.pid ?? null;
}

/** SIGKILL to every process holding a data directory of the cluster (in afterEach: the CLI's nodes). */
export function killAll(c: Cluster, ids: readonly string[]): void {
  for (const id of ids) {
    const pid = pidOf(c, id);
    if (pid === null) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** GET /admin/members at node id, or null. */
export async function membersAt(c: Cluster, id: string): Promise<Members | null> {
  try {
    const r = await httpRequest(`${c.url(id)}/admin/members`, 'GET', null, { authorization: `Bearer ${c.token}` }, 2000);
    return r.code === 200 ? (r.body as unknown as Members) : null;
  } catch {
    return null;
  }
}

/** The configuration as a leader among `ids` shows it, waiting up to `ms` for one. */
export async function leaderMembers(c: Cluster, ids: readonly string[], ms = 60_000): Promise<Members> {
  const end = Date.now() + ms;
  for (;;) {
    for (const id of ids) {
      const m = await membersAt(c, id);
      if (m !== null && m.leader === id) return m;
    }
    if (Date.now() > end) throw new Error(`no leader among ${ids.join(',')} within ${ms} ms`);
    await sleep(100);
  }
}

/** Writes that completed (ok, applied) and the longest time between two of them within [from, to]. */
export function gap(h: HistoryRecorder, from: number, to: number): { writes: number; longestMs: number } {
  const writes = new Set(h.events.filter((e) => e.type === 'invoke' && e.call.f !== 'get').map((e) => e.id));
  const times = h.events.filter((e) => e.type === 'ok' && writes.has(e.id) && 'applied' in e.output && e.output.applied && e.time >= from && e.time <= to).map((e) => e.time);
  let last = from;
  let longest = 0;
  for (const t of [...times, to]) {
    longest = Math.max(longest, t - last);
    last = t;
  }
  return { writes: times.length, longestMs: Math.round(longest) };
}

/** The workload of workload.ts until `stop.done`: a change's duration is not known in advance on a loaded host. */
export async function writeUntil(c: Cluster, h: HistoryRecorder, stop: { done: boolean }, o: { clients: number; keys: number; seed: number; deadlineMs: number }): Promise<void> {
  await workload(c, { ...o, ms: Number.POSITIVE_INFINITY, until: stop }, h);
}
