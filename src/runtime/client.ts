// An HTTP client of the key-value API (the `kv` command, the benchmark and the tests' workload).
// It keeps a session (client id, sequence number): an attempt with an unknown outcome (timeout, lost
// connection after connecting, 502/504) is retried with the same sequence number, so that it is
// applied at most once; an attempt that certainly failed (503, or no connection made) may go to
// another node and, if every attempt was certain, the request is reported failed rather than unknown.
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { randomBytes } from 'node:crypto';

export interface HttpReply {
  readonly code: number;
  readonly body: Record<string, unknown>;
}

/** A request that got no answer; `connected` says whether it may have reached the server. */
export class HttpRequestError extends Error {
  readonly connected: boolean;
  constructor(message: string, connected: boolean) {
    super(message);
    this.connected = connected;
  }
}

/** Whether an error of `httpRequest` proves the request never reached a server. */
export function surelyNotSent(e: unknown): boolean {
  return e instanceof HttpRequestError && !e.connected;
}

/** One HTTP or HTTPS request (by the URL's scheme); rejects with an `HttpRequestError` on a network error or timeout. */
export function httpRequest(
  url: string,
  method: string,
  body: string | null,
  headers: Record<string, string>,
  timeoutMs: number,
  agent?: Agent,
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const h: Record<string, string> = { ...headers };
    if (body !== null) h['content-length'] = String(Buffer.byteLength(body));
    const req = (u.protocol === 'https:' ? httpsRequest : request)(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method, headers: h, timeout: timeoutMs, ...(agent ? { agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = { raw: text };
          }
          resolve({ code: res.statusCode ?? 0, body: (typeof parsed === 'object' && parsed !== null ? parsed : { value: parsed }) as Record<string, unknown> });
        });
        res.on('error', (e: NodeJS.ErrnoException) => reject(new HttpRequestError(e.code ?? e.message, true)));
      },
    );
    // Until the connection is established nothing can have reached the server.
    let connected = false;
    req.on('socket', (so) => {
      if (!so.connecting) connected = true;
      else so.once('connect', () => (connected = true));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => reject(new HttpRequestError(e.code ?? e.message, connected)));
    req.end(body ?? undefined);
  });
}

export type KvRequest =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'put'; readonly key: string; readonly value: string }
  | { readonly op: 'del'; readonly key: string }
  | { readonly op: 'cas'; readonly key: string; readonly expected: string; readonly value: string }
  | { readonly op: 'cad'; readonly key: string; readonly expected: string };

/** The final answer to a request: completed (with its reply), certainly failed, or unknown. */
export type KvAnswer =
  | { readonly kind: 'ok'; readonly reply: HttpReply }
  | { readonly kind: 'fail'; readonly error: string }
  | { readonly kind: 'unknown'; readonly error: string };

export interface KvClientOptions {
  /** Node API base URLs, e.g. http://127.0.0.1:8001. */
  readonly urls: readonly string[];
  readonly token?: string | null;
  readonly clientId?: string;
  /** Per attempt (default 3000 ms). */
  readonly timeoutMs?: number;
  /** Attempts per request (default 3). */
  readonly attempts?: number;
  readonly agent?: Agent;
  /** The CA (PEM) to trust for https URLs (the cluster's TLS CA). */
  readonly ca?: Buffer;
}

/** A client session against the cluster. Not for concurrent use: one request at a time. */
export class KvClient {
  readonly id: string;
  private seq = 0;
  private next = 0;
  private readonly o: KvClientOptions;
  private readonly agent: Agent;
  constructor(o: KvClientOptions) {
    this.o = o;
    this.id = o.clientId ?? `c-${randomBytes(6).toString('hex')}`;
    const https = o.urls[0]?.startsWith('https:') === true;
    this.agent = o.agent ?? (https ? new HttpsAgent({ keepAlive: true, maxSockets: 4, ...(o.ca === undefined ? {} : { ca: o.ca }) }) : new Agent({ keepAlive: true, maxSockets: 4 }));
    this.next = Math.floor(Math.random() * o.urls.length);
  }

  async call(r: KvRequest): Promise<KvAnswer> {
    const seq = ++this.seq;
    const path = `/kv/${encodeURIComponent(r.key)}${r.op === 'cas' || r.op === 'cad' ? `?expected=${encodeURIComponent(r.expected)}` : ''}`;
    const method = r.op === 'get' ? 'GET' : r.op === 'del' || r.op === 'cad' ? 'DELETE' : 'PUT';
    const body = r.op === 'put' || r.op === 'cas' ? r.value : null;
    const headers: Record<string, string> = { 'x-client-id': this.id, 'x-seq': String(seq) };
    if (this.o.token) headers['authorization'] = `Bearer ${this.o.token}`;
    let ambiguous: string | null = null;
    const attempts = this.o.attempts ?? 3;
    for (let k = 0; k < attempts; k += 1) {
      const url = this.o.urls[this.next % this.o.urls.length] as string;
      try {
        const reply = await httpRequest(`${url}${path}`, method, body, headers, this.o.timeoutMs ?? 3000, this.agent);
        if (reply.code === 200 || reply.code === 404 || reply.code === 409) return { kind: 'ok', reply };
        if (reply.code === 503) {
          if (ambiguous === null && k === attempts - 1) return { kind: 'fail', error: String(reply.body['error']) };
        } else if (reply.code === 502 || reply.code === 504) {
          ambiguous = String(reply.body['error']);
        } else {
          return ambiguous === null ? { kind: 'fail', error: `HTTP ${reply.code}: ${JSON.stringify(reply.body)}` } : { kind: 'unknown', error: ambiguous };
        }
      } catch (e) {
        // No connection made (refused, unreachable) is certain; anything else may have reached the node.
        if (!surelyNotSent(e)) ambiguous = (e as Error).message;
      }
      this.next += 1;
      await new Promise((r) => setTimeout(r, 50 * (k + 1)));
    }
    return ambiguous === null ? { kind: 'fail', error: 'no node could take the request' } : { kind: 'unknown', error: ambiguous };
  }

  close(): void {
    if (this.o.agent === undefined) this.agent.destroy();
  }
}
