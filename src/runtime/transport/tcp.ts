// Peer transport over TCP. Each node dials every peer and sends on that connection only; it receives
// on the connections peers dial to it. Every inbound frame is size-checked, parsed, and validated
// (schema, authenticated source, own id as dest) before `onMessage`; any failure closes that connection
// with the reason logged. Outbound connections reconnect with exponential back-off and jitter.
// A fault layer (drop, duplicate, delay, block) exists only when the owner enables it (tests).
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { FrameDecoder, encodeJsonFrame, parseJsonFrame } from './frame.ts';
import { isChallenge, isHello, isProof, mac, macEqual, nonce } from './auth.ts';
import { validate } from './schema.ts';
import type { Schema } from './schema.ts';

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
  readonly schema: Schema;
  readonly onMessage: (m: M) => void;
  readonly log: (line: string) => void;
  /** Largest accepted frame in bytes (default 16 MiB). */
  readonly maxFrameBytes?: number;
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

const HANDSHAKE_MS = 3000;
const HANDSHAKE_BYTES = 1024;
const BACKOFF_MIN = 25;
const BACKOFF_MAX = 1000;
const QUEUE_MAX = 4096;

type Outbound = {
  socket: Socket | null;
  ready: boolean;
  queue: Buffer[];
  backoff: number;
  timer: NodeJS.Timeout | null;
  corked: boolean;
};

/** A running transport: `send` to peers, `close` to stop. */
export class Transport<M extends Envelope> {
  private readonly o: TransportOptions<M>;
  private readonly server: Server;
  private readonly out = new Map<string, Outbound>();
  private readonly inbound = new Set<Socket>();
  private faults: Faults = {};
  private closed = false;
  /** Counts of closed connections by reason prefix (for tests and /status). */
  readonly rejected: string[] = [];

  private constructor(o: TransportOptions<M>) {
    this.o = o;
    this.server = createServer((s) => this.accept(s));
    // Peers need one inbound connection each; the rest is room for reconnects, not for a flood.
    this.server.maxConnections = 4 * Object.keys(o.peers).length + 16;
  }

  static async start<M extends Envelope>(o: TransportOptions<M>): Promise<Transport<M>> {
    const t = new Transport<M>(o);
    await new Promise<void>((resolve, reject) => {
      t.server.once('error', reject);
      t.server.listen(o.listen.port, o.listen.host, () => {
        t.server.off('error', reject);
        resolve();
      });
    });
    t.server.on('error', (e) => o.log(`transport: listener error: ${e.message}`));
    for (const j of Object.keys(o.peers)) if (j !== o.id) t.dial(j);
    return t;
  }

  /** The port actually listened on. */
  get port(): number {
    const a = this.server.address();
    return typeof a === 'object' && a !== null ? a.port : 0;
  }

  setFaults(f: Faults): void {
    if (!this.o.faults) throw new Error('fault injection is not enabled on this transport');
    this.faults = f;
  }

  /** Whether the connection to peer j is up (authenticated); frames to a peer that is not wait in a queue. */
  connected(j: string): boolean {
    const o = this.out.get(j);
    return o !== undefined && o.ready && o.socket !== null;
  }

  /** Sends `m` to `m.dest` (best effort: Raft tolerates loss; a disconnected peer's queue is bounded). */
  send(m: M): void {
    if (this.closed) return;
    const f = this.faults;
    if (f.block?.includes(m.dest)) return;
    if (f.drop !== undefined && Math.random() < f.drop) return;
    const copies = f.duplicate !== undefined && Math.random() < f.duplicate ? 2 : 1;
    const frame = encodeJsonFrame(m);
    for (let k = 0; k < copies; k += 1) {
      if (f.delay !== undefined) {
        const [lo, hi] = f.delay;
        setTimeout(() => this.write(m.dest, frame), lo + Math.random() * (hi - lo));
      } else this.write(m.dest, frame);
    }
  }

  private write(j: string, frame: Buffer): void {
    const o = this.out.get(j);
    if (o === undefined || this.closed) return;
    if (!o.ready || o.socket === null) {
      if (o.queue.length < QUEUE_MAX) o.queue.push(frame);
      return;
    }
    if (!o.corked) {
      o.corked = true;
      o.socket.cork();
      process.nextTick(() => {
        o.corked = false;
        o.socket?.uncork();
      });
    }
    o.socket.write(frame);
  }

  private dial(j: string): void {
    const o: Outbound = { socket: null, ready: false, queue: [], backoff: BACKOFF_MIN, timer: null, corked: false };
    this.out.set(j, o);
    this.connectTo(j, o);
  }

  private connectTo(j: string, o: Outbound): void {
    if (this.closed) return;
    const addr = this.o.peers[j] as PeerAddress;
    const s = connect({ host: addr.host, port: addr.port });
    s.setNoDelay(true);
    o.socket = s;
    const dec = new FrameDecoder(HANDSHAKE_BYTES);
    const myNonce = nonce();
    let stage: 'challenge' | 'done' = 'challenge';
    const timer = setTimeout(() => s.destroy(new Error('handshake timeout')), HANDSHAKE_MS);
    s.on('connect', () => s.write(encodeJsonFrame({ hello: 'cc1', id: this.o.id, nonce: myNonce })));
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
        o.ready = true;
        o.backoff = BACKOFF_MIN;
        const q = o.queue;
        o.queue = [];
        for (const frame of q) this.write(j, frame);
      }
    });
    s.on('error', (e) => {
      if (stage === 'done' || !/ECONNREFUSED|ECONNRESET/.test(e.message)) this.o.log(`transport: to ${j}: ${e.message}`);
    });
    s.on('close', () => {
      clearTimeout(timer);
      o.ready = false;
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
    if (o === undefined || o.ready || o.timer === null || this.closed) return;
    clearTimeout(o.timer);
    o.timer = null;
    o.backoff = BACKOFF_MIN;
    this.connectTo(j, o);
  }

  private reject(s: Socket, who: string, reason: string): void {
    this.o.log(`transport: closed connection from ${who}: ${reason}`);
    this.rejected.push(reason);
    if (this.rejected.length > 100) this.rejected.shift();
    s.destroy();
  }

  private accept(s: Socket): void {
    if (this.closed) return void s.destroy();
    this.inbound.add(s);
    s.setNoDelay(true);
    const remote = `${s.remoteAddress ?? '?'}:${s.remotePort ?? '?'}`;
    const dec = new FrameDecoder(HANDSHAKE_BYTES);
    let stage: 'hello' | 'proof' | 'open' = 'hello';
    let peer = '';
    let myNonce = '';
    const timer = setTimeout(() => this.reject(s, remote, 'handshake timeout'), HANDSHAKE_MS);
    s.on('data', (chunk: Buffer) => {
      if (s.destroyed) return;
      dec.push(chunk);
      for (let f = dec.next(); f !== null; f = dec.next()) {
        if (s.destroyed) return;
        if ('error' in f) return this.reject(s, peer || remote, f.error);
        const p = parseJsonFrame(f);
        if (!p.ok) return this.reject(s, peer || remote, p.reason);
        if (stage === 'hello') {
          const h = p.value;
          if (!isHello(h)) return this.reject(s, remote, 'malformed hello');
          if (h.id === this.o.id || !Object.hasOwn(this.o.peers, h.id)) {
            return this.reject(s, remote, `unknown peer '${h.id.slice(0, 40)}'`);
          }
          peer = h.id;
          myNonce = nonce();
          s.write(encodeJsonFrame({ id: this.o.id, nonce: myNonce, mac: mac(this.o.secret, 'listener', h.nonce, this.o.id, peer) }));
          stage = 'proof';
        } else if (stage === 'proof') {
          if (!isProof(p.value) || !macEqual(p.value.mac, mac(this.o.secret, 'dialer', myNonce, peer, this.o.id))) {
            return this.reject(s, remote, `peer '${peer}' failed authentication`);
          }
          stage = 'open';
          clearTimeout(timer);
          this.redial(peer);
          dec.maxBytes = this.o.maxFrameBytes ?? 16 * 1024 * 1024;
        } else {
          const m = p.value;
          const bad = validate(this.o.schema, m);
          if (bad !== null) return this.reject(s, peer, `invalid message: ${bad}`);
          const e = m as Envelope;
          if (e.source !== peer) return this.reject(s, peer, `message claims source '${String(e.source)}'`);
          if (e.dest !== this.o.id) return this.reject(s, peer, `message for '${String(e.dest)}'`);
          if (this.faults.block?.includes(peer)) continue;
          this.o.onMessage(m as M);
        }
      }
    });
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      this.inbound.delete(s);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const o of this.out.values()) {
      if (o.timer) clearTimeout(o.timer);
      o.socket?.destroy();
    }
    for (const s of this.inbound) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
