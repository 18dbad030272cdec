// Peer transport over TCP (or TLS). Each node dials every peer and sends on that connection only; it
// receives on the connections peers dial to it (listener.ts checks those). After the handshake every
// frame carries a tag under the connection's key (seal.ts). Outbound connections reconnect with
// exponential back-off and jitter. A fault layer (drop, duplicate, delay, block) exists only when the
// owner enables it (tests).
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { FrameDecoder, encodeJsonFrame, parseJsonFrame } from './frame.ts';
import { frameKey, isChallenge, mac, macEqual, nonce } from './auth.ts';
import { HANDSHAKE_BYTES, HANDSHAKE_MS, Listener } from './listener.ts';
import type { Schema } from './schema.ts';
import { FrameSealer, TAG_BYTES } from './seal.ts';
import { jsonPieces, piecesLength } from '../json-pieces.ts';
import type { TlsMaterial } from './tls.ts';

/** A peer address. */
export interface PeerAddress {
  readonly host: string;
  readonly port: number;
}

/** Message fields the transport checks besides the schema. */
export interface Envelope {
  readonly source: string;
  readonly dest: string;
}

export interface TransportOptions<M extends Envelope> {
  readonly id: string;
  readonly secret: string;
  /** Where to listen (port 0: any free port). */
  readonly listen: PeerAddress;
  readonly peers: Readonly<Record<string, PeerAddress>>;
  /** The address of a node not among `peers` (a member added later), or null: asked when one is sent to or dials in. */
  readonly lookup?: (id: string) => PeerAddress | null;
  readonly schema: Schema;
  readonly onMessage: (m: M) => void;
  readonly log: (line: string) => void;
  /** Largest accepted frame in bytes (default 16 MiB). */
  readonly maxFrameBytes?: number;
  /** Slots for inbound connections that have not authenticated yet (default 16). */
  readonly maxPending?: number;
  /** TLS on both ends of every peer connection, certificates checked against `ca`; null: plain TCP. */
  readonly tls?: TlsMaterial | null;
  /** Allow `setFaults` (only tests do). */
  readonly faults?: boolean;
}

/** Network faults the test harness injects (only with `faults: true`). */
export interface Faults {
  /** Probability that a message is dropped. */
  readonly drop?: number;
  /** Probability that a message is sent twice. */
  readonly duplicate?: number;
  /** Each message is delayed uniformly in [min, max] milliseconds (reordering them). */
  readonly delay?: readonly [number, number];
  /** Peers this node neither sends to nor accepts messages from (a partition). */
  readonly block?: readonly string[];
}

const BACKOFF_MIN = 25;
const BACKOFF_MAX = 1000;
const QUEUE_MAX = 4096;
/** Frames up to this size are copied into one buffer and written with one call; larger ones are corked pieces. */
const COPY_MAX = 64 * 1024;

type Outbound = {
  socket: Socket | null;
  /** Tags this connection's frames; null until the handshake is done. */
  sealer: FrameSealer | null;
  /** Message bodies (JSON in pieces) waiting for a connection. */
  queue: Buffer[][];
  backoff: number;
  timer: NodeJS.Timeout | null;
};

/** A running transport: `send` to peers, `close` to stop. */
export class Transport<M extends Envelope> {
  private readonly o: TransportOptions<M>;
  private readonly listener: Listener;
  private readonly out = new Map<string, Outbound>();
  /** Peer addresses: the configured ones and those learned later (`addPeer`, `lookup`). */
  private readonly addresses: Record<string, PeerAddress>;
  /** Peer ids the listener accepts (the same array grows as peers are added). */
  private readonly known: string[];
  private faults: Faults = {};
  private closed = false;

  private constructor(o: TransportOptions<M>) {
    this.o = o;
    this.addresses = { ...o.peers };
    this.known = Object.keys(o.peers);
    this.listener = new Listener({
      id: o.id,
      secret: o.secret,
      peers: this.known,
      admit: (j) => this.learn(j),
      schema: o.schema,
      maxFrameBytes: o.maxFrameBytes ?? 16 * 1024 * 1024,
      maxPending: o.maxPending ?? 16,
      tls: o.tls ?? null,
      log: o.log,
      deliver: (j, m) => {
        if (!this.closed && !this.faults.block?.includes(j)) this.o.onMessage(m as M);
      },
      authenticated: (j) => this.redial(j),
    });
  }

  static async start<M extends Envelope>(o: TransportOptions<M>): Promise<Transport<M>> {
    const t = new Transport<M>(o);
    const server = t.listener.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.listen.port, o.listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (e) => o.log(`transport: listener error: ${e.message}`));
    for (const j of Object.keys(o.peers)) if (j !== o.id) t.dial(j);
    return t;
  }

  /** The port actually listened on. */
  get port(): number {
    const a = this.listener.server.address();
    return typeof a === 'object' && a !== null ? a.port : 0;
  }

  /** Reasons of recently closed inbound connections (for tests). */
  get rejected(): readonly string[] {
    return this.listener.rejected;
  }

  /** Inbound connections that have not authenticated yet. */
  get pending(): number {
    return this.listener.pending;
  }

  setFaults(f: Faults): void {
    if (!this.o.faults) throw new Error('fault injection is not enabled on this transport');
    this.faults = f;
  }

  /** Whether the connection to peer j is up (authenticated); frames to a peer that is not wait in a queue. */
  connected(j: string): boolean {
    const o = this.out.get(j);
    return o !== undefined && o.sealer !== null && o.socket !== null;
  }

  /**
   * Adds peer j at `a` (a member added after start): the listener accepts it, and this node dials it.
   * A known peer keeps its address. Authentication is unchanged: j must prove the cluster's secret.
   */
  addPeer(j: string, a: PeerAddress): void {
    if (this.closed || j === this.o.id || this.addresses[j] !== undefined) return;
    this.addresses[j] = a;
    this.known.push(j);
    this.dial(j);
  }

  /** Whether j is a peer now, after asking `lookup` for an unknown one. */
  private learn(j: string): boolean {
    if (this.addresses[j] !== undefined) return true;
    const a = j === this.o.id ? null : (this.o.lookup?.(j) ?? null);
    if (a !== null) this.addPeer(j, a);
    return a !== null;
  }

  /** Sends `m` to `m.dest` (best effort: Raft tolerates loss; a disconnected peer's queue is bounded). */
  send(m: M): void {
    if (this.closed) return;
    if (!this.out.has(m.dest) && !this.learn(m.dest)) return;
    const f = this.faults;
    if (f.block?.includes(m.dest)) return;
    if (f.drop !== undefined && Math.random() < f.drop) return;
    const copies = f.duplicate !== undefined && Math.random() < f.duplicate ? 2 : 1;
    const body = jsonPieces(m);
    for (let k = 0; k < copies; k += 1) {
      if (f.delay !== undefined) {
        const [lo, hi] = f.delay;
        setTimeout(() => this.write(m.dest, body), lo + Math.random() * (hi - lo));
      } else this.write(m.dest, body);
    }
  }

  private write(j: string, body: Buffer[]): void {
    const o = this.out.get(j);
    if (o === undefined || this.closed) return;
    if (o.sealer === null || o.socket === null) {
      if (o.queue.length < QUEUE_MAX) o.queue.push(body);
      return;
    }
    const length = piecesLength(body);
    const head = Buffer.allocUnsafe(4 + TAG_BYTES);
    head.writeUInt32BE(TAG_BYTES + length, 0);
    o.sealer.next(body).copy(head, 4);
    // Header and body in one system call, now: a frame held until the next tick would wait behind
    // the caller's synchronous WAL write, and a leader's AppendEntries must leave before its own write.
    if (length <= COPY_MAX) {
      o.socket.write(Buffer.concat([head, ...body], 4 + TAG_BYTES + length));
      return;
    }
    o.socket.cork();
    o.socket.write(head);
    for (const b of body) o.socket.write(b);
    o.socket.uncork();
  }

  private dial(j: string): void {
    const o: Outbound = { socket: null, sealer: null, queue: [], backoff: BACKOFF_MIN, timer: null };
    this.out.set(j, o);
    this.connectTo(j, o);
  }

  private connectTo(j: string, o: Outbound): void {
    if (this.closed) return;
    const addr = this.addresses[j] as PeerAddress;
    const tls = this.o.tls ?? null;
    const s = tls === null ? connect({ host: addr.host, port: addr.port }) : tlsConnect({ host: addr.host, port: addr.port, ...tls });
    s.setNoDelay(true);
    o.socket = s;
    const dec = new FrameDecoder(HANDSHAKE_BYTES);
    const myNonce = nonce();
    let stage: 'challenge' | 'done' = 'challenge';
    // The listener's deadline decides; this one only ends a dial to a listener that never answers.
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (stage === 'challenge') s.destroy(new Error('handshake timeout'));
      });
    }, HANDSHAKE_MS + 1000);
    s.on(tls === null ? 'connect' : 'secureConnect', () => s.write(encodeJsonFrame({ hello: 'cc1', id: this.o.id, nonce: myNonce })));
    s.on('data', (chunk: Buffer) => {
      dec.push(chunk);
      for (let f = dec.next(); f !== null; f = dec.next()) {
        if ('error' in f) return void s.destroy(new Error(f.error));
        if (stage !== 'challenge') return void s.destroy(new Error('unexpected frame from listener'));
        const p = parseJsonFrame(f);
        if (!p.ok) return void s.destroy(new Error(p.reason));
        const c = p.value;
        if (!isChallenge(c) || c.id !== j) return void s.destroy(new Error('malformed challenge'));
        if (!macEqual(c.mac, mac(this.o.secret, 'listener', myNonce, j, this.o.id))) {
          return void s.destroy(new Error(`peer ${j} failed authentication`));
        }
        s.write(encodeJsonFrame({ mac: mac(this.o.secret, 'dialer', c.nonce, this.o.id, j) }));
        stage = 'done';
        clearTimeout(timer);
        o.sealer = new FrameSealer(frameKey(this.o.secret, myNonce, c.nonce, this.o.id, j), 'dialer');
        o.backoff = BACKOFF_MIN;
        const q = o.queue;
        o.queue = [];
        for (const body of q) this.write(j, body);
      }
    });
    s.on('error', (e) => {
      if (stage === 'done' || !/ECONNREFUSED|ECONNRESET|socket hang up/.test(e.message)) this.o.log(`transport: to ${j}: ${e.message}`);
    });
    s.on('close', () => {
      clearTimeout(timer);
      o.sealer = null;
      o.socket = null;
      if (this.closed) return;
      const wait = o.backoff * (0.5 + Math.random() / 2);
      o.backoff = Math.min(BACKOFF_MAX, o.backoff * 2);
      o.timer = setTimeout(() => {
        o.timer = null;
        this.connectTo(j, o);
      }, wait);
    });
  }

  /** A peer that just proved itself is up: if our connection to it waits in back-off, dial now. */
  private redial(j: string): void {
    const o = this.out.get(j);
    if (o === undefined || o.sealer !== null || o.timer === null || this.closed) return;
    clearTimeout(o.timer);
    o.timer = null;
    o.backoff = BACKOFF_MIN;
    this.connectTo(j, o);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const o of this.out.values()) {
      if (o.timer) clearTimeout(o.timer);
      o.socket?.destroy();
    }
    this.listener.closeAll();
    await new Promise<void>((resolve) => this.listener.server.close(() => resolve()));
  }
}
