// A message that carries a snapshot (Raft's InstallSnapshotRequest) crosses the network in chunks of
// bounded frame size (Figure 13's offset and done, below the protocol): the sender splits its JSON,
// the receiver joins the chunks of one peer in order and hands the whole message, checked by the
// protocol's schema, to `step`. A chunk lost or out of order loses the message, as the model allows.
import type { Envelope } from './transport/tcp.ts';
import { validate } from './transport/schema.ts';
import type { Schema } from './transport/schema.ts';
import { jsonPieces } from './json-pieces.ts';

/** One chunk: part k of n of the JSON of message `id` from `source` (base64). */
export interface Chunk {
  readonly type: 'SnapshotChunk';
  readonly id: string;
  readonly k: number;
  readonly n: number;
  readonly data: string;
  readonly source: string;
  readonly dest: string;
}

/** A joined message above this size is refused (V8's longest string is about 512 MiB). */
export const MAX_JOINED_BYTES = 512 * 1024 * 1024;

export function isChunk(x: unknown): x is Chunk {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'SnapshotChunk';
}

/** The protocol's message schema, plus chunks. */
export function withChunks(schema: Schema): Schema {
  return (x, p) => {
    if (!isChunk(x)) return schema(x, p);
    const c = x as unknown as Record<string, unknown>;
    const keys = Object.keys(c).sort().join(',');
    if (keys !== 'data,dest,id,k,n,source,type') return `chunk: fields ${keys}, expected data, dest, id, k, n, source, type`;
    const ok = typeof c['id'] === 'string' && typeof c['data'] === 'string' && typeof c['source'] === 'string' && typeof c['dest'] === 'string';
    const k = c['k'] as number;
    const n = c['n'] as number;
    return ok && Number.isSafeInteger(k) && Number.isSafeInteger(n) && k >= 0 && k < n ? null : 'chunk: malformed';
  };
}

export interface ChunkerOptions<M extends Envelope> {
  readonly self: string;
  /** Raw bytes of message JSON per chunk (a frame is about 4/3 of it, base64). */
  readonly chunkBytes: number;
  readonly schema: Schema;
  readonly send: (m: M | Chunk) => void;
  readonly deliver: (m: M) => void;
  readonly log: (line: string) => void;
  /** A chunk arrived from this peer: it is alive, though its message is not complete yet. */
  readonly progress?: (source: string) => void;
  /** The same snapshot is not sent to the same peer again within this many ms (it may still be reading it). */
  readonly repeatMs: number;
}

/** Splits outgoing snapshot messages into chunks and joins incoming ones. */
export class Chunker<M extends Envelope> {
  private readonly o: ChunkerOptions<M>;
  private seq = 0;
  /** Per peer, the last message split and its payload key: a resend of the same snapshot is not encoded again. */
  private readonly last = new Map<string, { key: string; parts: readonly string[] }>();
  private readonly joining = new Map<string, { id: string; next: number; n: number; parts: Buffer[]; bytes: number; at: number }>();
  private readonly sent = new Map<string, { key: string; at: number }>();

  constructor(o: ChunkerOptions<M>) {
    this.o = o;
  }

  /** Sends m in chunks; `key` names its payload (equal keys: equal JSON), or null. */
  send(m: M, key: string | null): void {
    const now = performance.now();
    const last = this.sent.get(m.dest);
    // Not sent is lost, to the model: the leader's next heartbeat after the interval sends it again.
    if (key !== null && last !== undefined && last.key === key && now - last.at < this.o.repeatMs) return;
    if (key !== null) this.sent.set(m.dest, { key, at: now });
    const cached = this.last.get(m.dest);
    const t0 = performance.now();
    const reused = key !== null && cached?.key === key;
    const parts = reused ? cached.parts : this.split(m);
    if (key !== null) this.last.set(m.dest, { key, parts });
    const id = `${this.o.self}-${(this.seq += 1)}`;
    this.o.log(`snapshot: sending ${key ?? 'a message'} to ${m.dest} in ${parts.length} chunks (${reused ? 'encoded before' : `encoded in ${(performance.now() - t0).toFixed(1)} ms`})`);
    parts.forEach((data, k) => this.o.send({ type: 'SnapshotChunk', id, k, n: parts.length, data, source: m.source, dest: m.dest }));
  }

  /** m's JSON in base64 parts of at most chunkBytes bytes each. */
  private split(m: M): string[] {
    const buf = Buffer.concat(jsonPieces(m));
    const parts: string[] = [];
    for (let at = 0; at < buf.length || parts.length === 0; at += this.o.chunkBytes) parts.push(buf.subarray(at, at + this.o.chunkBytes).toString('base64'));
    return parts;
  }

  /** A chunk from a peer (already authenticated and checked by `withChunks`). */
  receive(c: Chunk): void {
    this.o.progress?.(c.source);
    const j = this.joining.get(c.source);
    if (c.k === 0) this.joining.set(c.source, { id: c.id, next: 0, n: c.n, parts: [], bytes: 0, at: performance.now() });
    const cur = this.joining.get(c.source);
    if (cur === undefined || cur.id !== c.id || cur.next !== c.k || cur.n !== c.n) {
      if (j !== undefined) this.joining.delete(c.source);
      return; // a chunk lost before it: the message is lost
    }
    const part = Buffer.from(c.data, 'base64');
    cur.bytes += part.length;
    if (cur.bytes > MAX_JOINED_BYTES) {
      this.joining.delete(c.source);
      return this.o.log(`transport: dropped a chunked message from ${c.source}: more than ${MAX_JOINED_BYTES} bytes`);
    }
    cur.parts.push(part);
    cur.next += 1;
    if (cur.next < cur.n) return;
    this.joining.delete(c.source);
    this.join(c, Buffer.concat(cur.parts), cur.at);
  }

  private join(c: Chunk, buf: Buffer, first: number): void {
    const t0 = performance.now();
    let m: unknown;
    try {
      m = JSON.parse(buf.toString('utf8'));
    } catch {
      return this.o.log(`transport: dropped a chunked message from ${c.source}: not valid JSON`);
    }
    const bad = isChunk(m) ? 'a chunk inside chunks' : validate(this.o.schema, m);
    if (bad !== null) return this.o.log(`transport: dropped a chunked message from ${c.source}: invalid message: ${bad}`);
    const e = m as M;
    if (e.source !== c.source || e.dest !== this.o.self) return this.o.log(`transport: dropped a chunked message from ${c.source}: wrong source or destination`);
    this.o.log(`snapshot: received ${buf.length} bytes in ${c.n} chunks from ${c.source} over ${(t0 - first).toFixed(1)} ms, parsed in ${(performance.now() - t0).toFixed(1)} ms`);
    this.o.deliver(e);
  }
}
