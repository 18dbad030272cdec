// The client API's edges (issue 13, "HTTP edges"), on a real server and real sockets with a fake node
// that applies commands to a real KvStore.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { health, respond } from '../../../src/runtime/http.ts';
import { fake, raw, serve, socketExchange } from './http-helpers.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function start(f = fake(), o = {}): Promise<number> {
  const { server, port } = await serve(f.backend, o);
  servers.push(server);
  return port;
}

/** An error answer is one line of JSON with a code. */
function oneLineError(r: { text: string; body: Record<string, unknown> }, error: string): void {
  expect(r.text).not.toContain('\n');
  expect(r.body['error']).toBe(error);
  expect(typeof r.body['message']).toBe('string');
}

describe('keys: one path segment, never aliased', () => {
  it('refuses dot segments, encoded dots, empty segments and slashes; PUT /kv/a/../victimkey leaves victimkey alone', async () => {
    const f = fake();
    const port = await start(f);
    expect((await raw(port, 'PUT', '/kv/victimkey', 'original')).code).toBe(200);
    for (const path of ['/kv/a/../victimkey', '/kv/a/%2e%2e/victimkey', '/kv/%2e%2e', '/kv/%2E', '/kv/.', '/kv/..', '/kv/', '/kv//victimkey', '/kv/victimkey/', '/kv/a%2Fb', '/kv/%FF', '/kv/a%00']) {
      const r = await raw(port, 'PUT', path, 'evil');
      expect(r.code, path).toBe(400);
      oneLineError(r, 'bad-key');
    }
    expect(f.kv.peek('victimkey')).toBe('original');
    expect(f.submitted).toHaveLength(1);
  });

  it('serves every other key under exactly one spelling, percent-decoded', async () => {
    const f = fake();
    const port = await start(f);
    for (const [path, key] of [['/kv/a%20b', 'a b'], ['/kv/...', '...'], ['/kv/.a', '.a'], ['/kv/%C3%A9', 'é'], ['/kv/a+b', 'a+b']]) {
      expect((await raw(port, 'PUT', path as string, 'v')).code, path).toBe(200);
      expect(f.kv.peek(key as string), path).toBe('v');
    }
    expect((await raw(port, 'GET', `/kv/${'k'.repeat(1024)}`)).code).toBe(404);
    expect((await raw(port, 'GET', `/kv/${'k'.repeat(1025)}`)).code).toBe(400);
  });
});

describe('query parameters: only the documented ones', () => {
  it('refuses an unknown parameter, naming it, instead of ignoring it (`?cas=` is not a blind PUT)', async () => {
    const f = fake();
    const port = await start(f);
    const r = await raw(port, 'PUT', '/kv/k?cas=', 'v');
    expect(r.code).toBe(400);
    oneLineError(r, 'unknown-parameter');
    expect(r.body['message']).toContain("'cas'");
    expect((await raw(port, 'GET', '/kv/k?expected=1')).code).toBe(400);
    expect((await raw(port, 'GET', '/status?verbose=1')).code).toBe(400);
    expect((await raw(port, 'PUT', '/kv/k?expected=a&expected=b', 'v')).code).toBe(400);
    expect((await raw(port, 'PUT', '/kv/k?expected', 'v')).code).toBe(400);
    expect((await raw(port, 'PUT', '/kv/k?expected=%FF', 'v')).code).toBe(400);
    expect(f.submitted).toHaveLength(0);
  });

  it('`?expected=` (empty) is a compare-and-set expecting the empty value', async () => {
    const f = fake();
    const port = await start(f);
    await raw(port, 'PUT', '/kv/k', '');
    expect((await raw(port, 'PUT', '/kv/k?expected=', 'x')).code).toBe(200);
    expect(f.kv.peek('k')).toBe('x');
  });
});

describe('methods and bodies', () => {
  it('GET and DELETE take no body; other methods are 405 with Allow', async () => {
    const f = fake();
    const port = await start(f);
    const g = await raw(port, 'GET', '/kv/k', 'x');
    expect(g.code).toBe(400);
    oneLineError(g, 'unexpected-body');
    expect((await raw(port, 'DELETE', '/kv/k', 'x')).code).toBe(400);
    const p = await raw(port, 'PATCH', '/kv/k', 'x');
    expect(p.code).toBe(405);
    oneLineError(p, 'method-not-allowed');
    expect(f.submitted).toHaveLength(0);
  });
});

describe('DELETE /kv/k?expected=v is a conditional delete', () => {
  it('deletes only when the value matches (409 precondition-failed otherwise, 404 if absent)', async () => {
    const f = fake();
    const port = await start(f);
    await raw(port, 'PUT', '/kv/k', 'v');
    const no = await raw(port, 'DELETE', '/kv/k?expected=zzz');
    expect(no.code).toBe(409);
    expect(no.body).toMatchObject({ error: 'precondition-failed', value: 'v' });
    expect(f.kv.peek('k')).toBe('v');
    expect((await raw(port, 'DELETE', '/kv/k?expected=v')).code).toBe(200);
    expect(f.kv.peek('k')).toBeUndefined();
    expect((await raw(port, 'DELETE', '/kv/k?expected=v')).body['error']).toBe('not-found');
    expect(f.submitted.map((c) => c.op)).toEqual(['put', 'cad', 'cad', 'cad']);
  });
});

describe('values', () => {
  it('refuses invalid UTF-8 instead of storing U+FFFD', async () => {
    const f = fake();
    const port = await start(f);
    const r = await raw(port, 'PUT', '/kv/k', Buffer.from([0x61, 0xff, 0x62]));
    expect(r.code).toBe(400);
    oneLineError(r, 'bad-value');
    expect(f.submitted).toHaveLength(0);
    expect((await raw(port, 'PUT', '/kv/k', Buffer.from('é€😀'))).code).toBe(200);
    expect(f.kv.peek('k')).toBe('é€😀');
  });

  it('answers 413 above maxValueBytes and takes a value of exactly that size', async () => {
    const f = fake();
    const port = await start(f, { maxValueBytes: 1000 });
    expect((await raw(port, 'PUT', '/kv/k', 'x'.repeat(1000))).code).toBe(200);
    const r = await raw(port, 'PUT', '/kv/k', 'x'.repeat(1001));
    expect(r.code).toBe(413);
    oneLineError(r, 'value-too-large');
    expect(f.submitted).toHaveLength(1);
  });

  it('a body over the default 1 MiB gets the 413 on the wire before the connection closes, not a reset', async () => {
    const port = await start();
    const body = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const head = `PUT /kv/big HTTP/1.1\r\nhost: x\r\ncontent-length: ${body.length}\r\n\r\n`;
    const r = await socketExchange(port, [head, body]);
    expect(r.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.text).toContain('"error":"value-too-large"');
    expect(r.error).toBeNull();
  });

  it('a chunked body that grows over the limit gets 413 too', async () => {
    const port = await start(fake(), { maxValueBytes: 100 });
    const chunk = (s: string) => `${s.length.toString(16)}\r\n${s}\r\n`;
    const head = 'PUT /kv/big HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n';
    const r = await socketExchange(port, [head, chunk('a'.repeat(80)), chunk('b'.repeat(80)), chunk('c'.repeat(80)), '0\r\n\r\n']);
    expect(r.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.error).toBeNull();
  });

  it('a declared body that does not arrive gets 408 after bodyTimeoutMs and the connection is closed', async () => {
    const f = fake();
    const port = await start(f, { bodyTimeoutMs: 200 });
    const r = await socketExchange(port, ['PUT /kv/k HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\nabc']);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.text).toContain('"error":"body-timeout"');
    expect(f.submitted).toHaveLength(0);
  });

  it('a body that keeps arriving is read to the end even when it takes longer than bodyTimeoutMs in all', async () => {
    const f = fake();
    const port = await start(f, { bodyTimeoutMs: 2500 });
    // Six pieces 700 ms apart: 3.5 s in all, never a pause near 2.5 s.
    const pieces = ['PUT /kv/slow HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 10\r\n\r\na', 'bc', 'de', 'fg', 'hi', 'j'];
    const r = await socketExchange(port, pieces, 700, 60_000);
    expect(r.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(f.kv.peek('slow')).toBe('abcdefghij');
  }, 90_000);
});

describe('sessions', () => {
  it('a reused X-Seq for a different command is 409 seq-reused, distinct from precondition-failed and stale-seq', async () => {
    const f = fake();
    const port = await start(f);
    const s = (seq: string) => ({ 'x-client-id': 'c1', 'x-seq': seq });
    expect((await raw(port, 'PUT', '/kv/k', 'v', s('5'))).code).toBe(200);
    const reused = await raw(port, 'DELETE', '/kv/k', null, s('5'));
    expect(reused.code).toBe(409);
    oneLineError(reused, 'seq-reused');
    expect(f.kv.peek('k')).toBe('v');
    expect((await raw(port, 'PUT', '/kv/k', 'v', s('5'))).code).toBe(200); // the retry: recorded result
    const stale = await raw(port, 'PUT', '/kv/k', 'w', s('4'));
    expect(stale.code).toBe(409);
    oneLineError(stale, 'stale-seq');
    const pre = await raw(port, 'PUT', '/kv/k?expected=nope', 'w', s('6'));
    expect(pre.code).toBe(409);
    oneLineError(pre, 'precondition-failed');
    expect(f.kv.peek('k')).toBe('v');
  });

  it('X-Seq is a strict decimal safe integer, and comes with X-Client-Id', async () => {
    const f = fake();
    const port = await start(f);
    for (const seq of ['', '1e3', '0x10', '-1', '+1', '01', '1.0', '1 1', '9007199254740992', '99999999999999999999']) {
      const r = await raw(port, 'PUT', '/kv/k', 'v', { 'x-client-id': 'c', 'x-seq': seq });
      expect(r.code, JSON.stringify(seq)).toBe(400);
      oneLineError(r, 'bad-seq');
    }
    expect((await raw(port, 'PUT', '/kv/k', 'v', { 'x-seq': '1' })).body['error']).toBe('bad-client-id');
    expect((await raw(port, 'PUT', '/kv/k', 'v', { 'x-client-id': 'c' })).body['error']).toBe('bad-seq');
    expect(f.submitted).toHaveLength(0);
    expect((await raw(port, 'PUT', '/kv/k', 'v', { 'x-client-id': 'c', 'x-seq': '9007199254740991' })).code).toBe(200);
    expect((await raw(port, 'PUT', '/kv/k', 'v', { 'x-client-id': 'c2', 'x-seq': '0' })).code).toBe(200);
  });

  it('requests without X-Client-Id, and reads, create no session', async () => {
    const f = fake();
    const port = await start(f);
    await raw(port, 'PUT', '/kv/k', 'v');
    await raw(port, 'GET', '/kv/k');
    await raw(port, 'DELETE', '/kv/k');
    await raw(port, 'GET', '/kv/k', null, { 'x-client-id': 'reader', 'x-seq': '1' });
    expect(f.submitted.every((c) => c.client === undefined && c.seq === undefined)).toBe(true);
    expect(f.kv.sessionCount).toBe(0);
    await raw(port, 'PUT', '/kv/k', 'v', { 'x-client-id': 'writer', 'x-seq': '1' });
    expect(f.submitted.at(-1)).toMatchObject({ client: 'writer', seq: 1 });
    expect(f.kv.sessionCount).toBe(1);
  });
});

describe('outcomes', () => {
  it('proxying to a leader that refuses the connection is 503 (surely not applied)', async () => {
    const { server, port: closed } = await serve(fake().backend);
    await new Promise((r) => server.close(r)); // a port nobody listens on now
    const f = fake({ leader: () => 's2', address: () => ({ host: '127.0.0.1', port: closed }) });
    const port = await start(f);
    const r = await raw(port, 'PUT', '/kv/k', 'v', { 'x-client-id': 'c', 'x-seq': '1' });
    expect(r.code).toBe(503);
    expect(r.body).toMatchObject({ error: 'leader-unreachable', leader: 's2' });
    expect(f.submitted).toHaveLength(0);
  });

  it('proxying to a leader that resets the connection after the request was sent is 502 (unknown)', async () => {
    const { createServer } = await import('node:net');
    const resetter = createServer((s) => s.once('data', () => s.resetAndDestroy()));
    await new Promise<void>((r) => resetter.listen(0, '127.0.0.1', r));
    const rport = (resetter.address() as { port: number }).port;
    try {
      const port = await start(fake({ leader: () => 's2', address: () => ({ host: '127.0.0.1', port: rport }) }));
      const r = await raw(port, 'PUT', '/kv/k', 'v');
      expect(r.code).toBe(502);
      expect(r.body).toMatchObject({ error: 'proxy-failed', leader: 's2' });
    } finally {
      await new Promise((r) => resetter.close(r));
    }
  });

  it('no leader known is 503 not-leader; the status codes of every outcome', async () => {
    const f = fake({ leader: () => null, submit: async () => ({ kind: 'failed', reason: 'not-leader', leader: null }) });
    const port = await start(f);
    const r = await raw(port, 'GET', '/kv/k');
    expect(r.code).toBe(503);
    expect(r.body).toMatchObject({ error: 'not-leader', leader: null });
    const put = { op: 'put', key: 'k', value: 'v' } as const;
    expect(respond(put, { kind: 'timeout' }).code).toBe(504);
    expect(respond(put, { kind: 'failed', reason: 'replaced', leader: 's1' })).toMatchObject({ code: 503, body: { error: 'not-committed' } });
  });
});

describe('/health', () => {
  it('is ready (200) once a leader is known and the commit index is applied, else 503 saying why', async () => {
    const f = fake();
    const port = await start(f);
    f.status = { ...f.status, leader: null };
    let r = await raw(port, 'GET', '/health');
    expect(r.code).toBe(503);
    expect(r.body).toMatchObject({ ready: false, error: 'no-leader' });
    f.status = { ...f.status, leader: 's2', commitIndex: 7, applied: 5 };
    r = await raw(port, 'GET', '/health');
    expect(r.code).toBe(503);
    expect(r.body).toMatchObject({ ready: false, error: 'applying', commitIndex: 7, applied: 5 });
    f.status = { ...f.status, applied: 7 };
    r = await raw(port, 'GET', '/health');
    expect(r.code).toBe(200);
    expect(r.body).toMatchObject({ ready: true, leader: 's2' });
    expect(health({ ...f.status, leader: 's1' }).code).toBe(200);
  });
});
