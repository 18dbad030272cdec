// The receiving side of snapshot-chunks.ts: joins one peer's chunks in order (frames of one connection
// arrive in order and are authenticated), parses each run of a large array's items as it arrives, and
// at the last chunk parses the message's own text, puts the items back where it marks them, checks the
// result with the protocol's schema and hands it on. A chunk after a lost one waits for the resend,
// which resumes where this side stopped; a copy of a message already joined is delivered again unparsed.
import type { Chunk } from './snapshot-chunks.ts';
import type { Envelope } from './transport/tcp.ts';
import { validate } from './transport/schema.ts';
import type { Schema } from './transport/schema.ts';
import { unmark } from './snapshot-encode.ts';

/** A joined message above this size is refused (V8's longest string is about 512 MiB). */
export const MAX_JOINED_BYTES = 512 * 1024 * 1024;
/** Marks the place of a large array's items in a message's text: MARK, message id, ':', its number. */
export const MARK = '\u0000chunks:';

export interface JoinerOptions<M extends Envelope> {
  readonly self: string;
  readonly schema: Schema;
  readonly deliver: (m: M) => void;
  readonly log: (line: string) => void;
  /** A chunk arrived from this peer: it is alive, though its message is not complete yet. */
  readonly progress?: (source: string) => void;
}

type Joining = {
  readonly id: string;
  next: number;
  bytes: number;
  readonly at: number;
  readonly text: Buffer[];
  readonly segs: Map<number, unknown[]>;
  /** Bytes of a run of items not complete yet, and whose items they are. */
  run: Buffer[];
  runSeg: number | null;
  parseMs: number;
};

const isChunk = (x: unknown): boolean => typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'SnapshotChunk';

/** Joins the chunks of each peer's messages. */
export class Joiner<M extends Envelope> {
  private readonly o: JoinerOptions<M>;
  private readonly joining = new Map<string, Joining>();
  /** Per peer, the last message joined from it, by id: a resend of it is delivered again without parsing. */
  private readonly joined = new Map<string, { id: string; m: M }>();
  /** Chunks decoded, chunks skipped because this side held them (a resend resumed), items parsed on arrival. */
  readonly stats = { decoded: 0, skipped: 0, items: 0 };

  constructor(o: JoinerOptions<M>) {
    this.o = o;
  }

  receive(c: Chunk): void {
    this.o.progress?.(c.source);
    const had = this.joined.get(c.source);
    if (had !== undefined && had.id === c.id) {
      this.stats.skipped += 1;
      if (!c.done) return;
      this.o.log(`snapshot: received ${c.id} from ${c.source} again: delivered without decoding`);
      return this.o.deliver(had.m);
    }
    let cur = this.joining.get(c.source);
    if (c.k === 0 && cur?.id !== c.id) {
      cur = { id: c.id, next: 0, bytes: 0, at: performance.now(), text: [], segs: new Map(), run: [], runSeg: null, parseMs: 0 };
      this.joining.set(c.source, cur);
    }
    // A chunk it holds (a resend resumes), or one after a lost chunk (kept waiting for the resend).
    if (cur === undefined || cur.id !== c.id || c.k !== cur.next) {
      if (cur?.id === c.id && c.k < cur.next) this.stats.skipped += 1;
      return;
    }
    this.stats.decoded += 1;
    const part = Buffer.from(c.data, 'base64');
    cur.bytes += part.length;
    cur.next += 1;
    if (cur.bytes > MAX_JOINED_BYTES) return void this.drop(c, `more than ${MAX_JOINED_BYTES} bytes`);
    if (c.seg === null) cur.text.push(part);
    else if (!this.items(cur, c, part)) return;
    if (c.done) this.join(c, cur);
  }

  /** Adds part to its run; at the end of a run parses its items. False if the message was dropped. */
  private items(cur: Joining, c: Chunk, part: Buffer): boolean {
    const seg = c.seg as number;
    if (cur.run.length > 0 && cur.runSeg !== seg) return this.drop(c, 'a run of items cut short');
    cur.run.push(part);
    cur.runSeg = seg;
    if (!c.cut) return true;
    const t0 = performance.now();
    let items: unknown;
    try {
      items = JSON.parse(`[${Buffer.concat(cur.run).toString('utf8')}]`);
    } catch {
      return this.drop(c, 'not valid JSON');
    }
    cur.run = [];
    const into = cur.segs.get(seg) ?? [];
    cur.segs.set(seg, into);
    for (const x of items as unknown[]) into.push(x);
    this.stats.items += (items as unknown[]).length;
    cur.parseMs += performance.now() - t0;
    // Parsing took a while: the election timer restarts from now, not from the chunk's arrival.
    this.o.progress?.(c.source);
    return true;
  }

  private join(c: Chunk, cur: Joining): void {
    this.joining.delete(c.source);
    const t0 = performance.now();
    if (cur.run.length > 0) return void this.drop(c, 'a run of items cut short');
    let text: unknown;
    try {
      text = JSON.parse(Buffer.concat(cur.text).toString('utf8'));
    } catch {
      return void this.drop(c, 'not valid JSON');
    }
    const prefix = `${MARK}${c.id}:`;
    const m = unmark(text, (s) => (s.startsWith(prefix) && /^\d+$/.test(s.slice(prefix.length)) ? Number(s.slice(prefix.length)) : null), cur.segs);
    if (m === null) return void this.drop(c, 'its items do not match its marks');
    const bad = isChunk(m) ? 'a chunk inside chunks' : validate(this.o.schema, m);
    if (bad !== null) return void this.drop(c, `invalid message: ${bad}`);
    const e = m as M;
    if (e.source !== c.source || e.dest !== this.o.self) return void this.drop(c, 'wrong source or destination');
    const parsed = cur.parseMs + performance.now() - t0;
    this.o.log(`snapshot: received ${cur.bytes} bytes in ${c.k + 1} chunks from ${c.source} over ${(t0 - cur.at).toFixed(1)} ms, parsed in ${parsed.toFixed(1)} ms (${(performance.now() - t0).toFixed(1)} ms at the end)`);
    this.joined.set(c.source, { id: c.id, m: e });
    this.o.deliver(e);
  }

  private drop(c: Chunk, why: string): false {
    this.joining.delete(c.source);
    this.o.log(`transport: dropped a chunked message from ${c.source}: ${why}`);
    return false;
  }
}
