// ReadIndex reads on real processes (thesis §6.4; docs/runtime.md): they do not write to the log, a leader
// cut off from its quorum never answers one with a stale value, and under a partitioning nemesis the
// history of reads and writes stays linearizable (our Wing-Gong checker).
import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest } from '../../src/runtime/client.ts';
import { checkLinearizable } from '../../src/runtime/lin/check.ts';
import { operations } from '../../src/runtime/lin/history.ts';
import { Cluster, kv, sleep } from './harness.ts';
import { workload } from './workload.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

const STARTUP_MS = 45_000;
const SEED = 1616;

describe('ReadIndex on a real cluster', () => {
  it('a read does not append to the log; ?consistency=log does; both return the value', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader(c.ids, STARTUP_MS);
    expect((await kv(c, leader, 'PUT', 'k', 'v1')).code).toBe(200);
    const before = await c.waitStatus(leader, (s) => s.applied === s.commitIndex);
    for (let k = 0; k < 5; k += 1) expect((await kv(c, leader, 'GET', 'k')).body['value']).toBe('v1');
    expect((await c.status(leader))?.lastIndex).toBe(before.lastIndex);
    for (let k = 0; k < 5; k += 1) expect((await kv(c, leader, 'GET', 'k', null, '?consistency=log')).body['value']).toBe('v1');
    expect((await c.status(leader))?.lastIndex).toBeGreaterThan(before.lastIndex);
    const bad = await kv(c, leader, 'GET', 'k', null, '?consistency=stale');
    expect([bad.code, bad.body['error']]).toEqual([400, 'bad-query']);
  }, 180_000);

  it('a leader cut off from the others never answers a read with the value a new leader overwrote', async () => {
    const c = (cluster = await Cluster.start(3));
    const old = await c.waitLeader(c.ids, STARTUP_MS);
    expect((await kv(c, old, 'PUT', 'k', 'v1')).code).toBe(200);
    const others = c.ids.filter((id) => id !== old);
    await c.partition([[old], others]);
    const next = await c.waitLeader(others);
    expect((await kv(c, next, 'PUT', 'k', 'v2')).code).toBe(200);
    // The old leader still believes it leads (no CheckQuorum at runtime): asked directly, it must not say v1.
    const headers = { authorization: `Bearer ${c.token}` };
    for (const query of ['', '?consistency=log']) {
      const r = await httpRequest(`${c.url(old)}/kv/k${query}`, 'GET', null, headers, 15_000).catch(() => ({ code: 0, body: {} as Record<string, unknown> }));
      expect(r.code === 200 ? r.body['value'] : null, `GET${query} at the deposed leader`).not.toBe('v1');
    }
    await c.heal();
    await c.waitStatus(old, (s) => s.role === 'Follower' && s.leader !== null);
    expect((await kv(c, old, 'GET', 'k')).body['value']).toBe('v2');
  }, 240_000);

  it(`reads by ReadIndex stay linearizable while the leader is isolated, then another node (seed ${SEED})`, async () => {
    const c = (cluster = await Cluster.start(3));
    await c.waitLeader(c.ids, STARTUP_MS);
    const run = workload(c, { clients: 5, keys: 3, ms: 9000, seed: SEED, deadlineMs: 1500 });
    await sleep(1500);
    const leader = await c.waitLeader();
    await c.partition([[leader], c.ids.filter((id) => id !== leader)]);
    await c.waitLeader(c.ids.filter((id) => id !== leader));
    await sleep(1500);
    await c.heal();
    await sleep(1000);
    await c.partition([c.ids.slice(0, 1), c.ids.slice(1)]);
    await sleep(2500);
    await c.heal();
    const h = await run;
    const ops = operations(h.events);
    const res = checkLinearizable(ops);
    expect(res.ok, res.ok ? '' : 'report' in res ? res.report : res.reason).toBe(true);
    expect(ops.filter((o) => o.call.f === 'get' && o.output !== null).length).toBeGreaterThan(0);
    // Negative control: the same history with one read changed to a value never written fails.
    const k = ops.findLastIndex((o) => o.output !== null && 'found' in o.output && o.output.found);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(checkLinearizable(ops.with(k, { ...(ops[k] as (typeof ops)[number]), output: { found: true, value: 'never-written' } })).ok).toBe(false);
  }, 240_000);
});
