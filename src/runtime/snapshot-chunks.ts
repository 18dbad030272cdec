// A message that carries a snapshot (Raft's InstallSnapshotRequest) crosses the network in chunks of
// bounded frame size (Figure 13's offset and done, below the protocol): the sender encodes its JSON in
// slices and sends each chunk as soon as it is full, yielding to the event loop between slices (its
// heartbeats go on, and the first chunk tells the follower early that a leader is sending); the
// receiver joins the chunks of one peer in order and hands the whole message, checked by the
// protocol's schema, to `step`. A resend of the same snapshot keeps its message id, so the receiver
// resumes it: chunks it holds are skipped, and a copy it already joined is delivered again unparsed.
import { randomBytes } from 'node:crypto';
import type { Envelope } from './transport/tcp.ts';
import { validate } from './transport/schema.ts';
import type { Schema } from './transport/schema.ts';
import { jsonSlices } from './snapshot-encode.ts';

/** One chunk: part k of the JSON of message `id` from `source` (base64); `done` on the last part. */
export interface Chunk {
  readonly type: 'SnapshotChunk';
  readonly id: string;
  readonly k: number;
  readonly done: boolean;
  readonly data: string;
  readonly source: string;
  readonly dest: string;
}

/** A joined message above this size is refused (V8's longest string is about 512 MiB). */
export const MAX_JOINED_BYTES = 512 * 1024 * 1024;
/** Encoding stops for a turn of the event loop after this many milliseconds. */
const TURN_MS = 4;

export function isChunk(x: unknown): x is Chunk {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'SnapshotChunk';
}

/** The protocol's message schema, plus chunks. */
export function withChunks(schema: Schema): Schema {
  return (x, p) => {
    if (!isChunk(x)) return schema(x, p);
    const c = x as unknown as Record<string, unknown>;
    const keys = Object.keys(c).sort().join(',');
    if (keys !== 'data,dest,done,id,k,source,type') return `chunk: fields ${keys}, expected data, dest, done, id, k, source, type`;
    const ok = typeof c['id'] === 'string' && typeof c['data'] === 'string' && typeof c['source'] === 'string' && typeof c['dest'] === 'string' && typeof c['done'] === 'boolean';
    const k = c['k'] as number;
    return ok && Number.isSafeInteger(k) && k >= 0 ? null : 'chunk: malformed';
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

/** One encoding of a message for one peer: its id, its chunks so far, and whether they are all there. */
type Encoding = { readonly key: string | null; readonly id: string; readonly parts: string[]; done: boolean; cancelled: boolean };
type Joining = { readonly id: string; next: number; readonly parts: Buffer[]; bytes: number; readonly at: number };

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Splits outgoing snapshot messages into chunks and joins incoming ones. */
export class Chunker<M extends Envelope> {
  private readonly o: ChunkerOptions<M>;
  /** Message ids are unique across restarts of this process: a receiver may hold a part of an older one. */
  private readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  /** Per peer, the last message encoded for it (a resend of the same key reuses it, id included). */
  private readonly last = new Map<string, Encoding>();
  private readonly joining = new Map<string, Joining>();
  /** Per peer, the last message joined from it, by id: a resend of it is delivered again without parsing. */
  private readonly joined = new Map<string, { id: string; m: M }>();
  private readonly sent = new Map<string, { key: string; at: number }>();

  constructor(o: ChunkerOptions<M>) {
    this.o = o;
  }

  /** Chunks decoded, and chunks skipped because the receiver held them (a resend resumed). */
  readonly stats = { decoded: 0, skipped: 0 };

  /** Sends m in chunks; `key` names its payload (equal keys: equal JSON), or null. Resolves once every chunk is handed to `send`. */
  send(m: M, key: string | null): Promise<void> {
    const now = performance.now();
    const last = this.sent.get(m.dest);
    // Not sent is lost, to the model: the leader's next heartbeat after the interval sends it again.
    if (key !== null && last !== undefined && last.key === key && now - last.at < this.o.repeatMs) return Promise.resolve();
    if (key !== null) this.sent.set(m.dest, { key, at: now });
    const cached = this.last.get(m.dest);
    if (key !== null && cached !== undefined && cached.key === key) {
      // Still being encoded: its chunks are on their way.
      return cached.done ? this.resend(m.dest, cached).catch((err: unknown) => this.failed(m.dest, err)) : Promise.resolve();
    }
    if (cached !== undefined) cached.cancelled = true;
    const e: Encoding = { key, id: `${this.o.self}-${this.boot}-${(this.seq += 1)}`, parts: [], done: false, cancelled: false };
    this.last.set(m.dest, e);
    return this.stream(m, e).catch((err: unknown) => this.failed(m.dest, err));
  }

  /** A message that could not be encoded or handed on is lost, to the model; the node goes on. */
  private failed(dest: string, err: unknown): void {
    this.last.delete(dest);
    this.o.log(`snapshot: sending a chunked message to ${dest} failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  /** Encodes m slice by slice, sending each chunk once it is full (the last one with done). */
  private async stream(m: M, e: Encoding): Promise<void> {
    const t0 = performance.now();
    const size = this.o.chunkBytes;
    this.o.log(`snapshot: sending ${e.key ?? 'a message'} to ${m.dest} (encoding)`);
    let pending: Buffer[] = [];
    let bytes = 0;
    let total = 0;
    let slice = performance.now();
    const cut = (n: number, done: boolean): void => {
      const all = Buffer.concat(pending);
      pending = n < all.length ? [all.subarray(n)] : [];
      bytes = all.length - n;
      const data = all.subarray(0, n).toString('base64');
      e.parts.push(data);
      this.o.send({ type: 'SnapshotChunk', id: e.id, k: e.parts.length - 1, done, data, source: m.source, dest: m.dest });
    };
    for (const piece of jsonSlices(m)) {
      const b = Buffer.from(piece, 'utf8');
      pending.push(b);
      bytes += b.length;
      total += b.length;
      // A full chunk goes once more bytes follow it, so that the last chunk is never empty.
      while (bytes > size) cut(size, false);
      if (performance.now() - slice < TURN_MS) continue;
      await turn();
      if (e.cancelled) return;
      slice = performance.now();
    }
    cut(bytes, true);
    e.done = true;
    this.o.log(`snapshot: sent ${e.key ?? 'a message'} to ${m.dest}: ${total} bytes in ${e.parts.length} chunks over ${(performance.now() - t0).toFixed(1)} ms`);
  }

  /** The same message again, chunk by chunk on separate turns, under the same id. */
  private async resend(dest: string, e: Encoding): Promise<void> {
    this.o.log(`snapshot: sending ${e.key ?? 'a message'} to ${dest} again (${e.parts.length} chunks, encoded before)`);
    for (let k = 0; k < e.parts.length && !e.cancelled; k += 1) {
      if (k > 0) await turn();
      this.o.send({ type: 'SnapshotChunk', id: e.id, k, done: k === e.parts.length - 1, data: e.parts[k] as string, source: this.o.self, dest });
    }
  }

  /** A chunk from a peer (already authenticated and checked by `withChunks`). */
  receive(c: Chunk): void {
    this.o.progress?.(c.source);
    const had = this.joined.get(c.source);
    if (had !== undefined && had.id === c.id) {
      if (c.done) {
        this.o.log(`snapshot: received ${c.id} from ${c.source} again: delivered without decoding`);
        this.o.deliver(had.m);
      }
      this.stats.skipped += 1;
      return;
    }
    let cur = this.joining.get(c.source);
    if (c.k === 0 && cur?.id !== c.id) this.joining.set(c.source, (cur = { id: c.id, next: 0, parts: [], bytes: 0, at: performance.now() }));
    // A chunk it holds (a resend resumes), or one after a lost chunk (kept waiting for the resend).
    if (cur === undefined || cur.id !== c.id || c.k !== cur.next) {
      if (cur?.id === c.id && c.k < cur.next) this.stats.skipped += 1;
      return;
    }
    this.stats.decoded += 1;
    const part = Buffer.from(c.data, 'base64');
    cur.bytes += part.length;
    if (cur.bytes > MAX_JOINED_BYTES) {
      this.joining.delete(c.source);
      return this.o.log(`transport: dropped a chunked message from ${c.source}: more than ${MAX_JOINED_BYTES} bytes`);
    }
    cur.parts.push(part);
    cur.next += 1;
    if (!c.done) return;
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
    this.o.log(`snapshot: received ${buf.length} bytes in ${c.k + 1} chunks from ${c.source} over ${(t0 - first).toFixed(1)} ms, parsed in ${(performance.now() - t0).toFixed(1)} ms`);
    this.joined.set(c.source, { id: c.id, m: e });
    this.o.deliver(e);
  }
}
