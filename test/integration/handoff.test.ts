// Real node processes: a planned stop of the leader (SIGTERM) hands leadership to a caught-up follower
// with TimeoutNow (thesis §3.10), and 20 concurrent 1 MB PUTs cause no election. Timers are long on
// purpose: an election after an election timeout could not explain a new leader within its lower bound.
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'node:http';
import { httpRequest } from '../../src/runtime/client.ts';
import { Cluster, kv } from './harness.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

describe('leadership hand-off and large values', () => {
  it('SIGTERM on the leader hands over: the new leader has term old+1, before any election timeout could pass', async () => {
    const c = (cluster = await Cluster.start(3, { electionMs: [4000, 6000], heartbeatMs: 50 }));
    const leader = await c.waitLeader(c.ids, 60_000);
    expect((await kv(c, leader, 'PUT', 'a', '1')).code).toBe(200);
    const old = (await c.status(leader))?.term as number;
    const p = c.procs.get(leader);
    const exited = new Promise<number | null>((r) => p?.once('exit', (code) => r(code)));
    const t0 = Date.now();
    p?.kill('SIGTERM');
    const others = c.ids.filter((id) => id !== leader);
    const next = await c.waitLeader(others, 3500);
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(4000); // the lowest election timeout
    expect((await c.status(next))?.term).toBe(old + 1);
    expect(await exited).toBe(0);
    c.procs.delete(leader);
    expect(c.logOf(leader)).toMatch(/handed leadership to s\d before stopping/);
    expect((await kv(c, next, 'PUT', 'b', '2')).code).toBe(200);
    expect(await kv(c, next, 'GET', 'a')).toEqual({ code: 200, body: { key: 'a', value: '1' } });
  }, 120_000);

  it('20 concurrent 1 MB PUTs all succeed and change no term', async () => {
    const c = (cluster = await Cluster.start(3, { electionMs: [1500, 3000], heartbeatMs: 50, commandTimeoutMs: 20_000 }));
    const leader = await c.waitLeader(c.ids, 60_000);
    expect((await kv(c, leader, 'PUT', 'warm', '1')).code).toBe(200);
    const before = (await c.statuses()).map((s) => s?.term);
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const value = 'v'.repeat(1_000_000);
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        httpRequest(`${c.url(leader)}/kv/big${k}`, 'PUT', value, { authorization: `Bearer ${c.token}` }, 30_000, agent).then((r) => r.code),
      ),
    );
    agent.destroy();
    expect(codes).toEqual(Array.from({ length: 20 }, () => 200));
    // Terms once every node has applied the writes (a busy node may miss a 500 ms status poll before).
    const last = (await c.status(leader))?.commitIndex ?? 0;
    const after = [];
    for (const id of c.ids) after.push((await c.waitStatus(id, (s) => s.applied >= last, 30_000)).term);
    expect(after).toEqual(before);
  }, 150_000);
});
