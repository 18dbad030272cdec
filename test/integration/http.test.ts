// The client API's edges on real node processes (issue 13): `maxValueBytes` and `bodyTimeoutMs` from
// cluster.json reach the server; an oversized or missing body is answered on the wire; /health; and a
// follower whose leader just died answers 503 (certainly not applied), never 502.
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { httpRequest } from '../../src/runtime/client.ts';
import { Cluster, kv, sleep } from './harness.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

/** Writes on a raw socket; resolves with everything received until the server closes it. */
function exchange(port: number, data: (Buffer | string)[]): Promise<{ text: string; error: string | null }> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    let error: string | null = null;
    s.on('data', (c: Buffer) => got.push(c));
    s.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    s.on('close', () => resolve({ text: Buffer.concat(got).toString('utf8'), error }));
    s.on('connect', () => {
      for (const d of data) s.write(d);
    });
    setTimeout(() => s.destroy(), 10_000).unref();
  });
}

describe('HTTP edges on a real node', () => {
  it('413 above maxValueBytes before the connection closes, 408 for a body never sent, 400 for dot segments, /health ready', async () => {
    const c = (cluster = await Cluster.start(1, { maxValueBytes: 4096, bodyTimeoutMs: 300 }));
    const id = await c.waitLeader();
    const port = (c.nodes[id] as { httpPort: number }).httpPort;
    const auth = `authorization: Bearer ${c.token}\r\n`;
    expect((await kv(c, id, 'PUT', 'fits', 'x'.repeat(4096))).code).toBe(200);
    const big = Buffer.alloc(256 * 1024, 0x61);
    const r413 = await exchange(port, [`PUT /kv/big HTTP/1.1\r\nhost: x\r\n${auth}content-length: ${big.length}\r\n\r\n`, big]);
    expect(r413.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(r413.error).toBeNull();
    const r408 = await exchange(port, [`PUT /kv/slow HTTP/1.1\r\nhost: x\r\n${auth}content-length: 5\r\n\r\nab`]);
    expect(r408.text).toMatch(/^HTTP\/1\.1 408 /);
    const dots = await exchange(port, [`PUT /kv/a/../fits HTTP/1.1\r\nhost: x\r\n${auth}content-length: 4\r\nconnection: close\r\n\r\nevil`]);
    expect(dots.text).toMatch(/^HTTP\/1\.1 400 /);
    expect((await kv(c, id, 'GET', 'fits')).body['value']).toBe('x'.repeat(4096));
    expect((await kv(c, id, 'GET', 'slow')).code).toBe(404);
    const h = await httpRequest(`${c.url(id)}/health`, 'GET', null, {}, 3000);
    expect(h).toMatchObject({ code: 200, body: { ready: true, leader: id } });
  }, 60_000);

  it('a follower proxying to a leader killed a moment ago answers 503 (not applied), never 502', async () => {
    const c = (cluster = await Cluster.start(3, { electionMs: [1500, 2000], heartbeatMs: 50 }));
    const leader = await c.waitLeader();
    const follower = c.ids.find((i) => i !== leader) as string;
    expect((await kv(c, follower, 'PUT', 'k', 'v')).code).toBe(200);
    await c.kill(leader);
    // The followers believe in the dead leader until their election timeout (at least 1.5 s).
    const codes: number[] = [];
    const headers = { authorization: `Bearer ${c.token}`, 'x-client-id': 'probe', 'x-seq': '1' };
    for (let k = 0; k < 5; k += 1) {
      const r = await httpRequest(`${c.url(follower)}/kv/k`, 'PUT', 'w', headers, 3000);
      codes.push(r.code);
      if (r.code === 503) expect(r.body).toMatchObject({ error: 'leader-unreachable', leader });
      await sleep(20);
    }
    expect(codes).toContain(503);
    expect(codes).not.toContain(502);
  }, 60_000);
});
