// Parses an HTTP request of the client API into a KV operation, strictly: a key is exactly one path
// segment, the query holds only documented parameters, the session headers are exact integers and
// the value is valid UTF-8. Nothing is normalized, so no two spellings name the same key.
import type { KvOp, KvSession } from './kv.ts';

/** A refusal: the status code, a stable error code and a one-line message. */
export interface HttpRefusal {
  readonly status: number;
  readonly error: string;
  readonly message: string;
}

/** Longest key in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;
const SEQ = /^(0|[1-9][0-9]{0,15})$/;

const refuse = (status: number, error: string, message: string): HttpRefusal => ({ status, error, message });

/** Whether `x` is a refusal. */
export function isRefusal(x: unknown): x is HttpRefusal {
  return typeof x === 'object' && x !== null && 'status' in x && 'error' in x;
}

/** Splits a request target into its raw path and its decoded query parameters (no normalization). */
export function parseTarget(target: string): { path: string; query: Map<string, string | null> } | HttpRefusal {
  if (!target.startsWith('/')) return refuse(400, 'bad-target', 'the request target must be a path starting with /');
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = new Map<string, string | null>();
  if (q < 0) return { path, query };
  for (const part of target.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    // Form encoding: '+' is a space, as URLSearchParams reads it.
    const dec = (s: string): string | null => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return null;
      }
    };
    const name = dec(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? null : dec(part.slice(eq + 1));
    if (name === null || (eq >= 0 && value === null)) return refuse(400, 'bad-query', `query parameter '${part.slice(0, 40)}' is not valid percent-encoded UTF-8`);
    if (query.has(name)) return refuse(400, 'bad-query', `query parameter '${name.slice(0, 40)}' is given twice`);
    query.set(name, value);
  }
  return { path, query };
}

/** Refuses any query parameter not in `allowed`. */
export function checkQuery(query: ReadonlyMap<string, string | null>, allowed: readonly string[], what: string): HttpRefusal | null {
  for (const name of query.keys()) {
    if (!allowed.includes(name)) {
      const known = allowed.length === 0 ? 'it takes none' : `it takes only ${allowed.map((a) => `'${a}'`).join(', ')}`;
      return refuse(400, 'unknown-parameter', `unknown query parameter '${name.slice(0, 40)}' for ${what} (${known})`);
    }
  }
  return null;
}

/**
 * The key named by the raw path segment after `/kv/`: percent-decoded UTF-8 of 1 to 1024 bytes,
 * without '/', control characters, or the dot segments '.' and '..'.
 */
export function parseKey(raw: string): string | HttpRefusal {
  if (raw === '') return refuse(400, 'bad-key', 'the key is empty (use /kv/<key>)');
  if (raw.includes('/')) return refuse(400, 'bad-key', "a key is one path segment: it may not contain '/' (nor %2F)");
  let key: string;
  try {
    key = decodeURIComponent(raw);
  } catch {
    return refuse(400, 'bad-key', 'the key is not valid percent-encoded UTF-8');
  }
  if (key.includes('/')) return refuse(400, 'bad-key', "a key is one path segment: it may not contain '/' (nor %2F)");
  if (key === '.' || key === '..') return refuse(400, 'bad-key', `'${key}' is a dot segment, not a key`);
  if (/[\u0000-\u001f\u007f]/.test(key)) return refuse(400, 'bad-key', 'the key contains a control character');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return refuse(400, 'bad-key', `the key is longer than ${MAX_KEY_BYTES} bytes`);
  return key;
}

/** The session of `X-Client-Id` and `X-Seq` (both or neither), or null for an anonymous request. */
export function parseSession(clientH: string | string[] | undefined, seqH: string | string[] | undefined): KvSession | null | HttpRefusal {
  if (clientH === undefined && seqH === undefined) return null;
  if (typeof clientH !== 'string' || !CLIENT_ID.test(clientH)) {
    return refuse(400, 'bad-client-id', 'X-Client-Id must be 1 to 128 visible ASCII characters, sent once, together with X-Seq');
  }
  if (typeof seqH !== 'string' || !SEQ.test(seqH) || Number(seqH) > Number.MAX_SAFE_INTEGER) {
    return refuse(400, 'bad-seq', `X-Seq must be a decimal integer from 0 to ${Number.MAX_SAFE_INTEGER} without sign, exponent or leading zeros, sent once`);
  }
  return { client: clientH, seq: Number(seqH) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The value of a PUT body: its UTF-8 text, or a refusal if the bytes are not valid UTF-8. */
export function parseValue(body: Buffer): string | HttpRefusal {
  try {
    return utf8.decode(body);
  } catch {
    return refuse(400, 'bad-value', 'the value is not valid UTF-8 (values are text; encode binary data, e.g. as base64)');
  }
}

/** The operation of a `/kv/<key>` request, before its body is read (`value` is filled in later). */
export function kvOperation(method: string, query: ReadonlyMap<string, string | null>): { op: 'get' | 'put' | 'cas' | 'del' | 'cad'; expected?: string } | HttpRefusal {
  const m = method === 'POST' ? 'PUT' : method;
  if (m !== 'GET' && m !== 'PUT' && m !== 'DELETE') return refuse(405, 'method-not-allowed', `method ${method} is not allowed on /kv/<key> (GET, PUT, POST, DELETE)`);
  const bad = checkQuery(query, m === 'GET' ? ['consistency'] : ['expected'], `${m} /kv/<key>`);
  if (bad !== null) return bad;
  if (!query.has('expected')) return { op: m === 'GET' ? 'get' : m === 'PUT' ? 'put' : 'del' };
  const expected = query.get('expected');
  if (expected === null || expected === undefined) return refuse(400, 'bad-query', "query parameter 'expected' needs a value: ?expected=<value> (empty: ?expected=)");
  return { op: m === 'PUT' ? 'cas' : 'cad', expected };
}

/** A read's path (docs/runtime.md): `readindex` (the default; thesis §6.4) or `log` (`?consistency=log`, through the log). */
export function parseConsistency(query: ReadonlyMap<string, string | null>): 'readindex' | 'log' | HttpRefusal {
  const c = query.get('consistency') ?? 'readindex';
  if (c === 'readindex' || c === 'log') return c;
  return refuse(400, 'bad-query', `query parameter 'consistency' must be readindex or log, got '${c.slice(0, 40)}'`);
}

/** The complete operation once the body (the value, for put and cas) is known. */
export function kvOp(key: string, o: { op: 'get' | 'put' | 'cas' | 'del' | 'cad'; expected?: string }, value: string): KvOp {
  switch (o.op) {
    case 'get':
    case 'del':
      return { op: o.op, key };
    case 'put':
      return { op: 'put', key, value };
    case 'cas':
      return { op: 'cas', key, expected: o.expected ?? '', value };
    case 'cad':
      return { op: 'cad', key, expected: o.expected ?? '' };
  }
}
