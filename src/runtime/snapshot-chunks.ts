// A message that carries a snapshot (Raft's InstallSnapshotRequest) crosses the network in chunks of
// bounded frame size (Figure 13's offset and done, below the protocol): the sender encodes its JSON in
// slices and sends each chunk as soon as it is full, yielding to the event loop between slices (its
// heartbeats go on, and the first chunk tells the follower early that a leader is sending). The items
// of the message's large arrays travel in chunks of their own, cut where a run of items ends, so the
// receiver (snapshot-join.ts) parses them as they arrive. A resend of the same snapshot keeps its
// message id, so the receiver resumes it.
import { randomBytes } from 'node:crypto';
import type { Envelope } from './transport/tcp.ts';
import type { Schema } from './transport/schema.ts';
import { jsonSlices } from './snapshot-encode.ts';
import { Joiner, MARK } from './snapshot-join.ts';

/**
 * One chunk: part k of the JSON of message `id` from `source` (base64); `done` on the last part. Seg
 * null: text of the message; seg n: items of its n-th large array, ending where a run of items ends if `cut`.
 */
export interface Chunk {
  readonly type: 'SnapshotChunk';
  readonly id: string;
  readonly k: number;
  readonly done: boolean;
  readonly seg: number | null;
  readonly cut: boolean;
  readonly data: string;
  readonly source: string;
  readonly dest: string;
}

/** Encoding stops for a turn of the event loop after this many milliseconds. */
const TURN_MS = 4;
const COMMA = Buffer.from(',');

export function isChunk(x: unknown): x is Chunk {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'SnapshotChunk';
}

/** The protocol's message schema, plus chunks. */
export function withChunks(schema: Schema): Schema {
  return (x, p) => {
    if (!isChunk(x)) return schema(x, p);
    const c = x as unknown as Record<string, unknown>;
    const keys = Object.keys(c).sort().join(',');
    if (keys !== 'cut,data,dest,done,id,k,seg,source,type') return `chunk: fields ${keys}, expected cut, data, dest, done, id, k, seg, source, type`;
    const ok = typeof c['id'] === 'string' && typeof c['data'] === 'string' && typeof c['source'] === 'string' && typeof c['dest'] === 'string' && typeof c['done'] === 'boolean' && typeof c['cut'] === 'boolean';
    const nat = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
    return ok && nat(c['k']) && (c['seg'] === null || nat(c['seg'])) ? null : 'chunk: malformed';
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

type Part = { readonly seg: number | null; readonly cut: boolean; readonly data: string };
/** One encoding of a message for one peer: its id, its chunks so far, and whether they are all there. */
type Encoding = { readonly key: string | null; readonly id: string; readonly parts: Part[]; done: boolean; cancelled: boolean };

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Splits outgoing snapshot messages into chunks and joins incoming ones. */
export class Chunker<M extends Envelope> {
  private readonly o: ChunkerOptions<M>;
  /** Message ids are unique across restarts of this process: a receiver may hold a part of an older one. */
  private readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  /** Per peer, the last message encoded for it (a resend of the same key reuses it, id included). */
  private readonly last = new Map<string, Encoding>();
  private readonly sent = new Map<string, { key: string; at: number }>();
  private readonly joiner: Joiner<M>;

  constructor(o: ChunkerOptions<M>) {
    this.o = o;
    this.joiner = new Joiner<M>(o);
  }

  /** Chunks decoded, chunks skipped because the receiver held them (a resend resumed), items parsed on arrival. */
  get stats(): { readonly decoded: number; readonly skipped: number; readonly items: number } {
    return this.joiner.stats;
  }

  /** A chunk from a peer (already authenticated and checked by `withChunks`). */
  receive(c: Chunk): void {
    this.joiner.receive(c);
  }

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
    const cur: { seg: number | null; bufs: Buffer[]; bytes: number } = { seg: null, bufs: [], bytes: 0 };
    let total = 0;
    let slice = performance.now();
    const emit = (n: number, cut: boolean): void => {
      const all = Buffer.concat(cur.bufs, cur.bytes);
      cur.bufs = n < all.length ? [all.subarray(n)] : [];
      cur.bytes = all.length - n;
      e.parts.push({ seg: cur.seg, cut, data: all.subarray(0, n).toString('base64') });
      this.o.send(this.chunk(e, e.parts.length - 1, m.dest));
    };
    const add = (b: Buffer): void => {
      cur.bufs.push(b);
      cur.bytes += b.length;
      total += b.length;
    };
    for (const p of jsonSlices(m, (n) => `${MARK}${e.id}:${n}`)) {
      const b = Buffer.from(p.text, 'utf8');
      // A chunk holds one kind of piece; a chunk of items ends where a run ends, unless one run is larger than a chunk.
      if (cur.bytes > 0 && (p.seg !== cur.seg || cur.bytes + b.length + 1 > size)) emit(cur.bytes, true);
      if (p.seg !== null && p.seg === cur.seg && cur.bytes > 0) add(COMMA);
      cur.seg = p.seg;
      add(b);
      // A full chunk goes once more bytes follow it, so that the last chunk is never empty.
      while (cur.bytes > size) emit(size, false);
      if (performance.now() - slice < TURN_MS) continue;
      await turn();
      if (e.cancelled) return;
      slice = performance.now();
    }
    e.done = true;
    emit(cur.bytes, true);
    this.o.log(`snapshot: sent ${e.key ?? 'a message'} to ${m.dest}: ${total} bytes in ${e.parts.length} chunks over ${(performance.now() - t0).toFixed(1)} ms`);
  }

  /** Chunk k of encoding e for dest. */
  private chunk(e: Encoding, k: number, dest: string): Chunk {
    const p = e.parts[k] as Part;
    return { type: 'SnapshotChunk', id: e.id, k, done: e.done && k === e.parts.length - 1, seg: p.seg, cut: p.cut, data: p.data, source: this.o.self, dest };
  }

  /** The same message again, chunk by chunk on separate turns, under the same id. */
  private async resend(dest: string, e: Encoding): Promise<void> {
    this.o.log(`snapshot: sending ${e.key ?? 'a message'} to ${dest} again (${e.parts.length} chunks, encoded before)`);
    for (let k = 0; k < e.parts.length && !e.cancelled; k += 1) {
      if (k > 0) await turn();
      this.o.send(this.chunk(e, k, dest));
    }
  }
}
