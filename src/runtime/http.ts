// The client API over HTTP/JSON, on every node:
//   GET /kv/<key>                      read (through the log: linearizable)
//   PUT /kv/<key>            body v    write v (the raw body, a string)
//   PUT /kv/<key>?expected=<e> body v  compare-and-set: write v if the value is e
//   DELETE /kv/<key>                   delete
//   GET /status                        id, role, term, commitIndex, leader
// A follower proxies a /kv request to the leader it knows (one hop). Headers `X-Client-Id` and
// `X-Seq` name a client session, so that a retry is applied once. Outcomes by status code:
// 200/404/409 completed; 503 certainly not applied (safe to retry); 502/504 unknown (retry with the
// same X-Seq). With a token configured, /kv needs `Authorization: Bearer <token>`.
import { createServer, request, Agent } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { KvCommand, KvOp } from './kv/kv.ts';
import type { NodeStatus, Outcome } from './node.ts';
import type { Faults } from './transport/tcp.ts';

const MAX_BODY = 1024 * 1024;
const PROXIED = 'x-cc-proxied';

/** What the HTTP layer needs from its node. */
export interface HttpBackend {
  readonly id: string;
  submit(c: KvCommand): Promise<Outcome>;
  status(): NodeStatus;
  leader(): string | null;
  /** HTTP address of node j, for proxying. */
  address(j: string): { host: string; port: number } | null;
  readonly token: string | null;
  /** Present only when fault injection is enabled (tests). */
  readonly setFaults?: (f: Faults) => void;
  readonly log: (line: string) => void;
  /** `GET /metrics`: the Prometheus exposition (content type and text). */
  readonly metrics?: () => Promise<{ type: string; body: string }>;
}

function send(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function authorized(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  const h = req.headers['authorization'] ?? '';
  const want = Buffer.from(`Bearer ${token}`);
  const got = Buffer.from(h);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Maps an outcome to a status code and body. */
export function respond(c: KvOp, o: Outcome): { code: number; body: Record<string, unknown> } {
  if (o.kind === 'timeout') return { code: 504, body: { error: 'timeout: outcome unknown' } };
  if (o.kind === 'failed') {
    return { code: 503, body: { error: o.reason === 'not-leader' ? 'not leader' : 'not committed: leadership changed', leader: o.leader } };
  }
  const r = o.result;
  if (r.ok) return { code: 200, body: c.op === 'get' ? { key: c.key, value: r.value } : { ok: true } };
  switch (r.error) {
    case 'not-found':
      return { code: 404, body: { error: 'not found', key: c.key } };
    case 'precondition':
      return { code: 409, body: { error: 'precondition failed', value: r.value } };
    case 'stale':
      return { code: 409, body: { error: 'stale sequence number' } };
    case 'malformed':
      return { code: 400, body: { error: 'malformed command' } };
  }
}

/** Starts the HTTP API on host:port (0: any free port). */
export async function startHttp(b: HttpBackend, host: string, port: number): Promise<Server> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const anon = randomBytes(6).toString('hex');
  let anonSeq = 0;

  const proxy = (req: IncomingMessage, res: ServerResponse, body: string, leader: string): void => {
    const a = b.address(leader);
    if (a === null) return send(res, 503, { error: 'not leader', leader });
    const headers: Record<string, string> = { [PROXIED]: b.id, 'content-length': String(Buffer.byteLength(body)) };
    for (const h of ['authorization', 'x-client-id', 'x-seq', 'content-type']) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const p = request({ host: a.host, port: a.port, method: req.method ?? 'GET', path: req.url ?? '/', headers, agent, timeout: 10_000 }, (pr) => {
      const chunks: Buffer[] = [];
      pr.on('data', (c: Buffer) => chunks.push(c));
      pr.on('end', () => {
        const text = Buffer.concat(chunks);
        res.writeHead(pr.statusCode ?? 502, { 'content-type': 'application/json', 'content-length': text.length, 'x-cc-leader': leader });
        res.end(text);
      });
      pr.on('error', () => send(res, 502, { error: 'proxy to leader failed: outcome unknown', leader }));
    });
    p.on('timeout', () => p.destroy(new Error('timeout')));
    p.on('error', () => {
      if (!res.headersSent) send(res, 502, { error: 'proxy to leader failed: outcome unknown', leader });
    });
    p.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/status' && req.method === 'GET') return send(res, 200, b.status());
    if (url.pathname === '/metrics' && req.method === 'GET' && b.metrics !== undefined) {
      const m = await b.metrics();
      res.writeHead(200, { 'content-type': m.type, 'content-length': Buffer.byteLength(m.body) });
      return void res.end(m.body);
    }
    if (url.pathname === '/_faults' && req.method === 'POST' && b.setFaults !== undefined) {
      if (!authorized(req, b.token)) return send(res, 401, { error: 'unauthorized' });
      const body = await readBody(req);
      try {
        b.setFaults(JSON.parse(body ?? '{}') as Faults);
        return send(res, 200, { ok: true });
      } catch (e) {
        return send(res, 400, { error: (e as Error).message });
      }
    }
    if (!url.pathname.startsWith('/kv/')) return send(res, 404, { error: 'no such endpoint (try /kv/<key> or /status)' });
    if (!authorized(req, b.token)) return send(res, 401, { error: 'unauthorized: send Authorization: Bearer <token>' }, { 'www-authenticate': 'Bearer' });
    let key: string;
    try {
      key = decodeURIComponent(url.pathname.slice(4));
    } catch {
      return send(res, 400, { error: 'bad key encoding' });
    }
    if (key === '' || key.length > 1024) return send(res, 400, { error: 'key must be 1 to 1024 characters' });
    const body = await readBody(req);
    if (body === null) return send(res, 413, { error: `body larger than ${MAX_BODY} bytes` });
    let op: KvOp;
    const expected = url.searchParams.get('expected');
    switch (req.method) {
      case 'GET':
        op = { op: 'get', key };
        break;
      case 'PUT':
      case 'POST':
        op = expected === null ? { op: 'put', key, value: body } : { op: 'cas', key, expected, value: body };
        break;
      case 'DELETE':
        op = { op: 'del', key };
        break;
      default:
        return send(res, 405, { error: `method ${req.method ?? '?'} not allowed` });
    }
    const client = req.headers['x-client-id'];
    const seqText = req.headers['x-seq'];
    let session: { client: string; seq: number };
    if (typeof client === 'string' && typeof seqText === 'string') {
      const seq = Number(seqText);
      if (client === '' || client.length > 128 || !Number.isSafeInteger(seq) || seq < 0) {
        return send(res, 400, { error: 'X-Client-Id must be 1-128 characters and X-Seq an integer >= 0' });
      }
      session = { client, seq };
    } else session = { client: `anon-${anon}-${anonSeq++}`, seq: 0 };
    const leader = b.leader();
    const proxied = typeof req.headers[PROXIED] === 'string';
    if (leader !== null && leader !== b.id && !proxied) return proxy(req, res, body, leader);
    const outcome = await b.submit({ ...op, ...session } as KvCommand);
    if (outcome.kind === 'failed' && outcome.reason === 'not-leader' && outcome.leader !== null && outcome.leader !== b.id && !proxied) {
      return proxy(req, res, body, outcome.leader);
    }
    const { code, body: out } = respond(op, outcome);
    const l = b.leader();
    return send(res, code, out, l === null ? {} : { 'x-cc-leader': l });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      b.log(`http: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
