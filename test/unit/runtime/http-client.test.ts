// The client's verdicts (issue 13, "unknown outcomes reported too often"): a request that never
// reached a server, or was answered 503, certainly failed; a failure after connecting, 502 or 504 is
// unknown.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { HttpRequestError, KvClient, httpRequest, surelyNotSent } from '../../../src/runtime/client.ts';

const servers: (Server | HttpServer)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function listen<T extends Server | HttpServer>(s: T): Promise<string> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function closedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await new Promise((r) => s.close(r));
  return url;
}

describe('KvClient verdicts', () => {
  it('a refused connection is certain: not sent, and the request fails rather than being unknown', async () => {
    const url = await closedUrl();
    const e = await httpRequest(`${url}/kv/k`, 'GET', null, {}, 1000).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpRequestError);
    expect(surelyNotSent(e)).toBe(true);
    const c = new KvClient({ urls: [url], attempts: 2 });
    expect(await c.call({ op: 'put', key: 'k', value: 'v' })).toMatchObject({ kind: 'fail' });
    c.close();
  });

  it('a reset after the request was sent is unknown', async () => {
    const url = await listen(createServer((s) => s.once('data', () => s.resetAndDestroy())));
    const e = await httpRequest(`${url}/kv/k`, 'PUT', 'v', {}, 1000).catch((x: unknown) => x);
    expect(surelyNotSent(e)).toBe(false);
    const c = new KvClient({ urls: [url], attempts: 2 });
    expect(await c.call({ op: 'put', key: 'k', value: 'v' })).toMatchObject({ kind: 'unknown' });
    c.close();
  });

  it('503 on every attempt is a failure; a 502 on any attempt makes it unknown', async () => {
    let codes: number[] = [];
    const url = await listen(
      createHttpServer((_req, res) => {
        const code = codes.shift() ?? 503;
        res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ error: code === 503 ? 'not-leader' : 'proxy-failed' }));
      }),
    );
    codes = [503, 503, 503];
    const c = new KvClient({ urls: [url], attempts: 3 });
    expect(await c.call({ op: 'put', key: 'k', value: 'v' })).toMatchObject({ kind: 'fail' });
    codes = [503, 502, 503];
    expect(await c.call({ op: 'put', key: 'k', value: 'v' })).toMatchObject({ kind: 'unknown' });
    c.close();
  });

  it('sends a conditional delete as DELETE ?expected=', async () => {
    const seen: string[] = [];
    const url = await listen(
      createHttpServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }),
    );
    const c = new KvClient({ urls: [url] });
    expect(await c.call({ op: 'cad', key: 'a b', expected: 'x&y' })).toMatchObject({ kind: 'ok' });
    expect(seen).toEqual(['DELETE /kv/a%20b?expected=x%26y']);
    c.close();
  });
});
