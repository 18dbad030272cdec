// Client session expiry on real processes (thesis §6.3; docs/runtime.md): commands carry the leader's
// clock, a session idle longer than `sessionTimeoutMs` expires, and its next command gets a clear 409
// session-expired, not applied (that every replica decides alike: test/unit/runtime/kv-session-expiry.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest } from '../../src/runtime/client.ts';
import { Cluster, kv, sleep } from './harness.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

describe('session expiry on a real cluster', () => {
  it('a client idle longer than sessionTimeoutMs gets 409 session-expired; its command is not applied', async () => {
    const c = (cluster = await Cluster.start(3, { sessionTimeoutMs: 2000 }));
    const leader = await c.waitLeader(c.ids, 45_000);
    const as = (client: string, seq: number) => ({ authorization: `Bearer ${c.token}`, 'x-client-id': client, 'x-seq': String(seq) });
    const put = (client: string, seq: number, value: string) => httpRequest(`${c.url(leader)}/kv/k`, 'PUT', value, as(client, seq), 15_000);
    expect((await put('idle', 1, 'v1')).code).toBe(200);
    await sleep(3500);
    const r = await put('idle', 2, 'v2');
    expect([r.code, r.body['error']]).toEqual([409, 'session-expired']);
    expect(String(r.body['message'])).toMatch(/expired/);
    expect((await kv(c, leader, 'GET', 'k')).body['value']).toBe('v1');
    // A client that keeps writing keeps its session; a new client id starts one.
    expect((await put('fresh', 1, 'v3')).code).toBe(200);
    expect((await put('fresh', 2, 'v4')).code).toBe(200);
  }, 240_000);
});
