// The client API over HTTP/JSON, on every node (docs/runtime.md, "Client API"):
//   GET /kv/<key>                          read by ReadIndex (thesis §6.4; ?consistency=log: through the log)
//   PUT /kv/<key>                 body v   write v (the raw body, UTF-8 text)
//   PUT /kv/<key>?expected=<e>    body v   compare-and-set: write v if the value is e
//   DELETE /kv/<key>                       delete
//   DELETE /kv/<key>?expected=<e>          compare-and-delete: delete if the value is e
//   GET /status, GET /health               the node's view; ready or not (200 / 503)
//   GET|POST /admin/members                the configuration; add, promote, remove a node (admin.ts)
// A follower proxies a /kv request to the leader it knows (one hop). Headers `X-Client-Id` and
// `X-Seq` name a client session, so that a retry is applied once. Outcomes by status code:
// 200/404/409 completed; 503 certainly not applied (safe to retry); 502/504 unknown (retry with the
// same X-Seq). Every error body is one line of JSON: {"error": code, "message": text, ...}.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import { adminRequest, sendAnswer } from './admin.ts';
import type { AdminBackend } from './admin.ts';
import { apiClient, apiServer } from './api-server.ts';
import type { ApiClient } from './api-server.ts';
import type { KvCommand, KvOp } from './kv/kv.ts';
import { checkQuery, isRefusal, kvOp, kvOperation, parseConsistency, parseKey, parseSession, parseTarget, parseValue } from './kv/request.ts';
import type { HttpRefusal } from './kv/request.ts';
import type { NodeStatus, Outcome } from './node.ts';
import type { Faults } from './transport/tcp.ts';
import type { TlsMaterial } from './transport/tls.ts';

/** Default largest value (request body) in bytes. */
export const DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;
/** Default time a declared body may take to arrive. */
export const DEFAULT_BODY_TIMEOUT_MS = 5000;
const PROXIED = 'x-cc-proxied';

/** What the HTTP layer needs from its node. */
export interface HttpBackend {
  readonly id: string;
  submit(c: KvCommand): Promise<Outcome>;
  /** A linearizable read by ReadIndex (thesis §6.4); absent: reads go through the log. */
  read?(key: string): Promise<Outcome>;
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
  /** `/admin/members`, where the protocol has membership change. */
  readonly admin?: AdminBackend;
}

export interface HttpOptions {
  /** Largest value (body) accepted; 413 above (default 1 MiB). */
  readonly maxValueBytes?: number;
  /** A declared body that stops arriving for this many ms gets 408 (default 5000). */
  readonly bodyTimeoutMs?: number;
  /** Time a proxied request may take at the leader (default 10000 ms). */
  readonly proxyTimeoutMs?: number;
  /** Serve HTTPS with the node's certificate and proxy to the leader over HTTPS (default: plain HTTP). */
  readonly tls?: TlsMaterial | null;
}

function send(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const refusal = (res: ServerResponse, r: HttpRefusal, headers: Record<string, string> = {}): void => send(res, r.status, { error: r.error, message: r.message }, headers);

/**
 * Reads the whole body, or answers 413 (over `limit`) or 408 (no bytes for `timeoutMs`) and
 * resolves null. A 413 is written at once but ended only once the rest of the body was read and
 * dropped (a lingering close): closing on unread bytes would reset the connection and could destroy
 * the answer before the client reads it. A client still sending when the timeout fires is cut off.
 */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: Buffer | null): void => {
      if (done) return;
      done = true;
      resolve(v);
    };
    // A body that stops arriving for timeoutMs (not one that is still arriving on a slow or busy link).
    const timer = setTimeout(() => {
      if (!done) send(res, 408, { error: 'body-timeout', message: `the request body stopped arriving for ${timeoutMs} ms` }, { connection: 'close' });
      else if (!res.writableEnded) res.end();
      finish(null);
      req.socket.destroySoon();
    }, timeoutMs);
    timer.unref();
    const tooLarge = (): void => {
      if (done) return;
      const text = JSON.stringify({ error: 'value-too-large', message: `the value is larger than ${limit} bytes (maxValueBytes)` });
      res.writeHead(413, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), connection: 'close' });
      res.write(text);
      finish(null);
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) tooLarge();
    req.on('data', (c: Buffer) => {
      timer.refresh();
      if (done) return;
      size += c.length;
      if (size > limit) tooLarge();
      else chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      if (res.headersSent && !res.writableEnded) res.end();
      finish(Buffer.concat(chunks));
    });
    req.on('error', () => {
      clearTimeout(timer);
      finish(null);
    });
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
  if (o.kind === 'timeout') return { code: 504, body: { error: 'timeout', message: 'not committed in time: outcome unknown' } };
  if (o.kind === 'failed') {
    return o.reason === 'not-leader'
      ? { code: 503, body: { error: 'not-leader', message: 'not leader', leader: o.leader } }
      : { code: 503, body: { error: 'not-committed', message: 'not committed: leadership changed', leader: o.leader } };
  }
  const r = o.result;
  if (r.ok) return { code: 200, body: c.op === 'get' ? { key: c.key, value: r.value } : { ok: true } };
  switch (r.error) {
    case 'not-found':
      return { code: 404, body: { error: 'not-found', message: 'not found', key: c.key } };
    case 'precondition':
      return { code: 409, body: { error: 'precondition-failed', message: 'precondition failed', value: r.value } };
    case 'stale':
      return { code: 409, body: { error: 'stale-seq', message: 'stale sequence number: this client already sent a later one' } };
    case 'seq-reused':
      return { code: 409, body: { error: 'seq-reused', message: 'this X-Seq was already used by this client for a different command' } };
    case 'malformed':
      return { code: 400, body: { error: 'malformed', message: 'malformed command' } };
    case 'session-expired':
      return { code: 409, body: { error: 'session-expired', message: 'this client session expired (idle longer than the session timeout): its command was not applied; use a new X-Client-Id' } };
  }
}

/** Whether the node is ready: it knows a leader and has applied its commit index. */
export function health(s: NodeStatus): { code: number; body: Record<string, unknown> } {
  const view = { id: s.id, leader: s.leader, commitIndex: s.commitIndex, applied: s.applied };
  if (s.leader === null) return { code: 503, body: { ready: false, error: 'no-leader', message: 'no leader known', ...view } };
  if (s.applied < s.commitIndex) return { code: 503, body: { ready: false, error: 'applying', message: `applied ${s.applied} of commit index ${s.commitIndex}`, ...view } };
  return { code: 200, body: { ready: true, ...view } };
}

/**
 * Forwards a request to the leader over a new connection and relays its answer. A failure before
 * that connection was established is certain (503: not sent); after it, the leader may have applied
 * it (502).
 */
function proxy(client: ApiClient, timeoutMs: number, self: string, to: { host: string; port: number }, req: IncomingMessage, res: ServerResponse, body: Buffer, leader: string): void {
  const headers: Record<string, string> = { [PROXIED]: self, 'content-length': String(body.length) };
  for (const h of ['authorization', 'x-client-id', 'x-seq', 'content-type']) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  let connected = false;
  const failed = (why: string): void => {
    if (connected) send(res, 502, { error: 'proxy-failed', message: `proxy to leader ${leader} failed after sending (${why}): outcome unknown`, leader });
    else send(res, 503, { error: 'leader-unreachable', message: `cannot reach leader ${leader} (${why}): not applied`, leader });
  };
  const p = client.request({ host: to.host, port: to.port, method: req.method ?? 'GET', path: req.url ?? '/', headers, agent: client.agent, timeout: timeoutMs }, (pr) => {
    const chunks: Buffer[] = [];
    pr.on('data', (c: Buffer) => chunks.push(c));
    pr.on('end', () => {
      const text = Buffer.concat(chunks);
      res.writeHead(pr.statusCode ?? 502, { 'content-type': 'application/json', 'content-length': text.length, 'x-cc-leader': leader });
      res.end(text);
    });
    pr.on('error', (e) => failed(e.message));
  });
  p.on('socket', (s) => {
    if (s.connecting) s.once(s instanceof TLSSocket ? 'secureConnect' : 'connect', () => (connected = true));
    else connected = true;
  });
  p.on('timeout', () => p.destroy(new Error('timeout')));
  p.on('error', (e) => failed((e as NodeJS.ErrnoException).code ?? e.message));
  p.end(body);
}

/** `/admin/members` (admin.ts), behind the client API's token. */
async function admin(a: AdminBackend, token: string | null, req: IncomingMessage, res: ServerResponse, bodyTimeout: number): Promise<void> {
  if (!authorized(req, token)) return send(res, 401, { error: 'unauthorized', message: 'send Authorization: Bearer <token>' }, { 'www-authenticate': 'Bearer' });
  const body = req.method === 'POST' ? await readBody(req, res, 4096, bodyTimeout) : null;
  if (req.method === 'POST' && body === null) return;
  sendAnswer(res, await adminRequest(a, req, body));
}

/** The request handler of the client API. */
export function httpHandler(b: HttpBackend, o: HttpOptions = {}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const client = apiClient(o.tls ?? null, 256);
  const limit = o.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
  const bodyTimeout = o.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const proxyTimeout = o.proxyTimeoutMs ?? 10_000;

  const kv = async (req: IncomingMessage, res: ServerResponse, path: string, query: Map<string, string | null>): Promise<void> => {
    if (!authorized(req, b.token)) return send(res, 401, { error: 'unauthorized', message: 'send Authorization: Bearer <token>' }, { 'www-authenticate': 'Bearer' });
    const key = parseKey(path.slice('/kv/'.length));
    if (isRefusal(key)) return refusal(res, key);
    const what = kvOperation(req.method ?? '', query);
    if (isRefusal(what)) return refusal(res, what, what.status === 405 ? { allow: 'GET, PUT, POST, DELETE' } : {});
    const consistency = parseConsistency(query);
    if (isRefusal(consistency)) return refusal(res, consistency);
    const session = parseSession(req.headers['x-client-id'], req.headers['x-seq']);
    if (isRefusal(session)) return refusal(res, session);
    const body = await readBody(req, res, limit, bodyTimeout);
    if (body === null) return;
    let value = '';
    if (what.op === 'put' || what.op === 'cas') {
      const v = parseValue(body);
      if (isRefusal(v)) return refusal(res, v);
      value = v;
    } else if (body.length > 0) return send(res, 400, { error: 'unexpected-body', message: `${req.method ?? ''} /kv/<key> takes no body` });
    const op = kvOp(key, what, value);
    const leader = b.leader();
    const proxied = typeof req.headers[PROXIED] === 'string';
    const forward = (l: string): void => {
      const a = b.address(l);
      if (a === null) return send(res, 503, { error: 'not-leader', message: 'not leader; leader address unknown', leader: l });
      proxy(client, proxyTimeout, b.id, a, req, res, body, l);
    };
    if (leader !== null && leader !== b.id && !proxied) return forward(leader);
    // A read needs no session (running it twice changes nothing); anonymous writes get none.
    const command: KvCommand = session === null || op.op === 'get' ? op : { ...op, ...session };
    const outcome = op.op === 'get' && consistency === 'readindex' && b.read !== undefined ? await b.read(op.key) : await b.submit(command);
    if (outcome.kind === 'failed' && outcome.reason === 'not-leader' && outcome.leader !== null && outcome.leader !== b.id && !proxied) {
      return forward(outcome.leader);
    }
    const { code, body: out } = respond(op, outcome);
    const l = b.leader();
    return send(res, code, out, l === null ? {} : { 'x-cc-leader': l });
  };

  return async (req, res) => {
    const target = parseTarget(req.url ?? '/');
    if (isRefusal(target)) return refusal(res, target);
    const { path, query } = target;
    if (path.startsWith('/kv/')) return kv(req, res, path, query);
    const bad = checkQuery(query, [], path);
    if (path === '/status' && req.method === 'GET') return bad !== null ? refusal(res, bad) : send(res, 200, b.status());
    if (path === '/health' && req.method === 'GET') {
      if (bad !== null) return refusal(res, bad);
      const h = health(b.status());
      return send(res, h.code, h.body);
    }
    if (path === '/metrics' && req.method === 'GET' && b.metrics !== undefined) {
      if (bad !== null) return refusal(res, bad);
      const m = await b.metrics();
      res.writeHead(200, { 'content-type': m.type, 'content-length': Buffer.byteLength(m.body) });
      return void res.end(m.body);
    }
    if (path === '/admin/members' && b.admin !== undefined) return bad !== null ? refusal(res, bad) : admin(b.admin, b.token, req, res, bodyTimeout);
    if (path === '/_faults' && req.method === 'POST' && b.setFaults !== undefined) {
      if (!authorized(req, b.token)) return send(res, 401, { error: 'unauthorized', message: 'send Authorization: Bearer <token>' });
      const body = await readBody(req, res, limit, bodyTimeout);
      if (body === null) return;
      try {
        b.setFaults(JSON.parse(body.toString('utf8') || '{}') as Faults);
        return send(res, 200, { ok: true });
      } catch (e) {
        return send(res, 400, { error: 'bad-faults', message: (e as Error).message });
      }
    }
    return send(res, 404, { error: 'no-such-endpoint', message: 'no such endpoint (try /kv/<key>, /status or /health)' });
  };
}

const TRACE = process.env['CC_TRACE'] === '1';

/** CC_TRACE=1: when a request arrived (headers parsed) and when its answer was handed to the kernel. */
function traceRequest(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  const at = (x: number) => (performance.timeOrigin + x).toFixed(3);
  const t0 = performance.now();
  let ended = 0;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  res.end = ((...a: unknown[]) => {
    ended = performance.now();
    return end(...a);
  }) as typeof res.end;
  res.once('finish', () => log(`trace http ${req.method ?? ''} ${req.url ?? ''} arrived=${at(t0)} ended=${at(ended)} answered=${at(performance.now())}`));
}

/** Creates the server around a request handler: HTTP, or HTTPS with the node's certificate. */
function createApiServer(tls: TlsMaterial | null, handle: (req: IncomingMessage, res: ServerResponse) => void): Server {
  return apiServer(tls, handle);
}

/** Starts the HTTP API on host:port (0: any free port). */
export async function startHttp(b: HttpBackend, host: string, port: number, o: HttpOptions = {}): Promise<Server> {
  const handle = httpHandler(b, o);
  const server = createApiServer(o.tls ?? null, (req, res) => {
    if (TRACE) traceRequest(req, res, b.log);
    handle(req, res).catch((e: unknown) => {
      b.log(`http: ${e instanceof Error ? e.message : String(e)}`);
      send(res, 500, { error: 'internal', message: 'internal error' });
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
