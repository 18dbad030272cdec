// The explorer's HTTP server, on 127.0.0.1 only: the page, and JSON for a path's state, its
// successors, the check's verdict and the shortest path to a violation or a witness.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError, type Model, type Tagged } from '../src/core/index.ts';
import { explore, type ExploreResult, type Progress } from '../model-check/index.ts';
import { explorerPage } from './page.ts';
import { indicesOf, parsePath, viewOf } from './session.ts';

/** What to serve: the model, its nodes (lifelines), and how far the checker may search. */
export interface ExplorerOptions {
  readonly model: Model<unknown, Tagged>;
  readonly nodes: readonly string[];
  readonly settings: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Run the exhaustive check before serving (else the page runs it on demand). */
  readonly checkAtStart: boolean;
  readonly maxStates: number;
  readonly maxSeconds: number;
  readonly onProgress?: (p: Progress) => void;
}

/** A running explorer: its URL and how to stop it. */
export interface Explorer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

interface Found {
  readonly verdict: string;
  readonly distinct: number;
  readonly seconds: number;
  readonly violation: { readonly kind: string; readonly name: string; readonly path: string } | null;
  readonly reason: string | null;
}

/** Checks (if asked), then listens on 127.0.0.1; refuses requests naming another host. */
export async function startExplorer(o: ExplorerOptions): Promise<Explorer> {
  let found: Found | null = o.checkAtStart ? await check(o) : null;
  const witnesses = new Map<string, string | null>();
  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const bad = e instanceof UsageError;
      send(res, bad ? 400 : 500, { error: bad ? e.message : `internal error: ${String((e as Error).message ?? e)}` });
    });
  });
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const port = (server.address() as AddressInfo).port;
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) return send(res, 403, { error: `host '${req.headers.host ?? ''}' refused: the explorer serves 127.0.0.1 only` });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const post = req.method === 'POST';
    if (req.method !== 'GET' && !(post && url.pathname === '/api/check')) return send(res, 405, { error: `${req.method ?? ''} ${url.pathname}: method not allowed` });
    if (url.pathname === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(explorerPage());
    if (url.pathname === '/api/info') return send(res, 200, info(o, found));
    if (url.pathname === '/api/state') return send(res, 200, viewOf(o.model, o.nodes, parsePath(url.searchParams.get('path') ?? '')));
    if (url.pathname === '/api/check') {
      if (post && found === null) found = await check(o);
      return send(res, 200, info(o, found).check);
    }
    if (url.pathname === '/api/jump') return await jump(res, url.searchParams.get('to') ?? '');
    send(res, 404, { error: `${url.pathname}: no such page` });
  };
  const jump = async (res: ServerResponse, to: string): Promise<void> => {
    if (to === 'violation') {
      if (found?.violation == null) return send(res, 404, { error: found === null ? 'the check has not run' : 'the check found no violation' });
      return send(res, 200, { path: found.violation.path });
    }
    const name = to.startsWith('witness:') ? to.slice('witness:'.length) : null;
    if (name === null || o.model.witnesses[name] === undefined) throw new UsageError(`jump to '${to}': expected violation or witness:NAME (${Object.keys(o.model.witnesses).join(', ') || 'no witnesses'})`);
    if (!witnesses.has(name)) witnesses.set(name, await witnessPath(o, name));
    const path = witnesses.get(name) ?? null;
    if (path === null) return send(res, 404, { error: `no reachable state within the bounds satisfies ${name}` });
    send(res, 200, { path });
  };
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(new UsageError(`explore: cannot listen on 127.0.0.1:${o.port} (${e.code ?? e.message})`)));
    server.listen(o.port, '127.0.0.1', () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, server, close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }) };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function info(o: ExplorerOptions, found: Found | null) {
  const m = o.model;
  return { name: m.name, settings: o.settings, nodes: o.nodes, invariants: Object.keys(m.invariants), witnesses: Object.keys(m.witnesses), check: found === null ? { status: 'not run' } : { status: 'done', ...found } };
}

async function check(o: ExplorerOptions): Promise<Found> {
  const r = await explore(o.model, { deadlock: false, maxStates: o.maxStates, maxSeconds: o.maxSeconds, ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }) });
  return foundOf(o, r);
}

function foundOf(o: ExplorerOptions, r: ExploreResult): Found {
  const v = r.violation;
  const violation = v === null ? null : { kind: v.kind, name: v.name, path: indicesOf(o.model, v.trace).join('.') };
  return { verdict: r.verdict, distinct: r.distinct, seconds: r.seconds, violation, reason: r.verdict === 'incomplete' ? `stopped at ${r.distinct} states (--max-states/--max-seconds)` : null };
}

/** The shortest path to a state where witness `name` holds: BFS for the first violation of its negation. */
async function witnessPath(o: ExplorerOptions, name: string): Promise<string | null> {
  const w = o.model.witnesses[name] as (s: unknown) => boolean;
  const model = { ...o.model, invariants: { [`Not${name}`]: (s: unknown) => !w(s) }, actionProperties: {} };
  const r = await explore(model, { deadlock: false, maxStates: o.maxStates, maxSeconds: o.maxSeconds });
  return r.violation === null ? null : indicesOf(o.model, r.violation.trace).join('.');
}
