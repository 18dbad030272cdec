// The explorer's server without a browser: JSON for a path, a violation's path that replays to the
// violated state, witness paths on demand, a check run on demand, and refused hosts, methods and paths.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startExplorer, type Explorer, type View } from '../../explorer/index.ts';
import { build } from '../../src/cli/build-model.ts';

const flags = { 'max-round': '0', 'max-msgs': '1', duplicate: 'off', restart: 'on', drop: 'off' };
let open: Explorer | null = null;

async function start(checkAtStart: boolean): Promise<Explorer> {
  const { built, model } = await build({ protocol: 'basicpaxos', constants: flags, variant: 'forget-promise-on-restart', refinement: false });
  const nodes = built.kind === 'node' ? [...built.protocol.nodes(built.config)].sort() : [];
  open = await startExplorer({ model, nodes, settings: built.settings, port: 0, checkAtStart, maxStates: 1_000_000, maxSeconds: 600 });
  return open;
}

/** A raw request, so the Host header and the method can be anything. */
function get(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(async () => {
  await open?.close();
  open = null;
});

describe('explorer server', () => {
  it('serves a path\'s state and the violation\'s path, which leads to the violated state', async () => {
    const e = await start(true);
    const root = await get(e.url, '/api/state?path=');
    expect((root.body as unknown as View).choices).toEqual([{ index: 0, label: 'Initial state 1' }]);
    const jump = await get(e.url, '/api/jump?to=violation');
    expect(jump.status).toBe(200);
    const path = jump.body['path'] as string;
    expect(path.split('.')).toHaveLength(11);
    const v = (await get(e.url, `/api/state?path=${path}`)).body as unknown as View;
    expect(v.violated).toContain('VoteWithinPromise');
    expect(Object.keys(v.nodes)).toEqual(['a1', 'a2', 'a3', 'l1', 'p1', 'p2']);
    expect(v.steps.map((s) => s.action)[10]).toBe('Restart(a1)');
    const parent = (await get(e.url, `/api/state?path=${path.split('.').slice(0, -1).join('.')}`)).body as unknown as View;
    expect(parent.violated).toEqual([]);
  }, 300_000);

  it('finds a witness path on demand and runs the check when asked', async () => {
    const e = await start(false);
    expect((await get(e.url, '/api/jump?to=violation')).status).toBe(404);
    const w = await get(e.url, '/api/jump?to=witness:NackSent');
    expect(w.status).toBe(200);
    expect(typeof w.body['path']).toBe('string');
    const c = await get(e.url, '/api/check', {}, 'POST');
    expect([c.body['status'], c.body['verdict'], (c.body['violation'] as { name: string }).name]).toEqual(['done', 'violation', 'VoteWithinPromise']);
    expect((await get(e.url, '/api/jump?to=violation')).status).toBe(200);
  }, 300_000);

  it('refuses another host, other methods, bad paths and unknown pages with one-line errors', async () => {
    const e = await start(false);
    const port = new URL(e.url).port;
    expect(await get(e.url, '/api/info', { host: `evil.example:${port}` })).toEqual({ status: 403, body: { error: `host 'evil.example:${port}' refused: the explorer serves 127.0.0.1 only` } });
    expect((await get(e.url, '/api/info', { host: `localhost:${port}` })).status).toBe(200);
    expect(await get(e.url, '/api/state', {}, 'DELETE')).toEqual({ status: 405, body: { error: 'DELETE /api/state: method not allowed' } });
    expect(await get(e.url, '/api/state?path=0.a')).toEqual({ status: 400, body: { error: "path '0.a': expected action indices separated by dots, e.g. 0.3.1" } });
    expect(await get(e.url, '/api/state?path=3')).toEqual({ status: 400, body: { error: 'path step 1: no initial state with index 3 (the model has 1)' } });
    expect((await get(e.url, '/api/jump?to=witness:Nope')).status).toBe(400);
    expect(await get(e.url, '/nope')).toEqual({ status: 404, body: { error: '/nope: no such page' } });
    expect(e.server.address()).toMatchObject({ address: '127.0.0.1' });
  }, 300_000);
});
