// Helpers for the HTTP API tests: a fake backend over a real KvStore, a server on a free port, raw
// requests (no URL normalization) and raw sockets.
import { request } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { KvStore } from '../../../src/runtime/kv/kv.ts';
import type { KvCommand } from '../../../src/runtime/kv/kv.ts';
import { startHttp } from '../../../src/runtime/http.ts';
import type { HttpBackend, HttpOptions } from '../../../src/runtime/http.ts';
import type { NodeStatus } from '../../../src/runtime/node.ts';

export interface Fake {
  readonly kv: KvStore;
  readonly submitted: KvCommand[];
  readonly backend: HttpBackend;
  status: NodeStatus;
}

/** A backend that leads and applies every command at once to a real KvStore. */
export function fake(over: Partial<HttpBackend> = {}): Fake {
  const kv = new KvStore();
  const submitted: KvCommand[] = [];
  const f: Fake = {
    kv,
    submitted,
    status: { id: 's1', role: 'Leader', term: 1, commitIndex: 0, leader: 's1', lastIndex: 0, applied: 0, keys: 0 },
    backend: {
      id: 's1',
      submit: async (c) => {
        submitted.push(c);
        return { kind: 'done', result: kv.apply(c) };
      },
      status: () => f.status,
      leader: () => 's1',
      address: () => null,
      token: null,
      log: () => {},
      ...over,
    },
  };
  return f;
}

export async function serve(b: HttpBackend, o: HttpOptions = {}): Promise<{ server: Server; port: number }> {
  const server = await startHttp(b, '127.0.0.1', 0, o);
  return { server, port: (server.address() as AddressInfo).port };
}

export interface Reply {
  readonly code: number;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

/** One request with the path sent exactly as given. */
export function raw(port: number, method: string, path: string, body: Buffer | string | null = null, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== null) h['content-length'] = String(Buffer.byteLength(body));
    const req = request({ host: '127.0.0.1', port, method, path, headers: h, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON: the test sees `text` */
        }
        resolve({ code: res.statusCode ?? 0, text, body: (parsed ?? {}) as Record<string, unknown> });
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** Writes `data` on a raw socket; resolves with everything received until the server closes it. */
export function socketExchange(port: number, data: (Buffer | string)[], gapMs = 0, endMs = 5000): Promise<{ text: string; error: string | null }> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    let error: string | null = null;
    s.on('data', (c: Buffer) => got.push(c));
    s.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    s.on('close', () => resolve({ text: Buffer.concat(got).toString('utf8'), error }));
    s.on('connect', async () => {
      for (const d of data) {
        if (s.destroyed) break;
        s.write(d);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    // The tests end the exchange themselves when the server keeps the connection open.
    setTimeout(() => s.destroy(), endMs).unref();
  });
}
