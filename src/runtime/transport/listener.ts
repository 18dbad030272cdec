// The inbound side of the peer transport. A new connection first takes a slot in the handshake pool
// (pool.ts) and must finish the handshake (TLS first, if on) within HANDSHAKE_MS; a valid hello (or,
// with TLS, a certificate from the cluster CA) protects it from eviction; once the peer has
// proved the secret it leaves the pool, and replaces that peer's previous inbound connection. Every
// later frame must carry the tag of the next frame in sequence (seal.ts), then is parsed and
// validated (schema, source = the authenticated peer, dest = this node) before `onMessage`. Any
// failure closes that connection with the reason logged; nothing from the network throws.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { frameKey, isHello, isProof, mac, macEqual, nonce } from './auth.ts';
import { FrameDecoder, encodeJsonFrame, parseJsonFrame } from './frame.ts';
import { HandshakePool } from './pool.ts';
import { RejectionLog } from './rejections.ts';
import { validate } from './schema.ts';
import type { Schema } from './schema.ts';
import { FrameOpener } from './seal.ts';
import type { TlsMaterial } from './tls.ts';

export const HANDSHAKE_MS = 2000;
export const HANDSHAKE_BYTES = 1024;

export interface ListenerOptions {
  readonly id: string;
  readonly secret: string;
  readonly peers: readonly string[];
  /** Whether an id not in `peers` is a peer after all (a member added later); absent: no. */
  readonly admit?: (id: string) => boolean;
  readonly schema: Schema;
  readonly maxFrameBytes: number;
  /** Slots for connections that have not authenticated yet. */
  readonly maxPending: number;
  readonly tls: TlsMaterial | null;
  readonly log: (line: string) => void;
  /** A message that passed every check, from authenticated peer j. */
  readonly deliver: (j: string, m: unknown) => void;
  /** Peer j just authenticated (the transport redials it if its own connection waits). */
  readonly authenticated: (j: string) => void;
}

export class Listener {
  readonly server: Server;
  private readonly o: ListenerOptions;
  private readonly pool: HandshakePool<Socket>;
  private readonly rejections: RejectionLog;
  private readonly sockets = new Set<Socket>();
  /** Raw sockets still in the TLS handshake, by remote address (TLS mode only). */
  private readonly tlsPending = new Map<string, Socket>();
  /** Each peer's authenticated inbound connection (a newer one replaces it). */
  private readonly current = new Map<string, Socket>();
  /** Reasons of recently closed connections (for tests). */
  readonly rejected: string[] = [];

  constructor(o: ListenerOptions) {
    this.o = o;
    this.pool = new HandshakePool(o.maxPending);
    this.rejections = new RejectionLog(o.log);
    if (o.tls === null) {
      this.server = createServer((s) => {
        if (this.admit(s)) this.handshake(s, s);
      });
      return;
    }
    // A certificate that does not chain to the CA is refused after the TLS handshake, so that the log says why.
    const ts = createTlsServer({ ...o.tls, requestCert: true, rejectUnauthorized: false, handshakeTimeout: 2 * HANDSHAKE_MS });
    ts.on('connection', (raw: Socket) => {
      if (this.admit(raw)) this.tlsPending.set(addr(raw), raw);
    });
    ts.on('secureConnection', (t: TLSSocket) => {
      const raw = this.tlsPending.get(addr(t));
      if (raw === undefined) return void t.destroy();
      this.tlsPending.delete(addr(t));
      if (!t.authorized) return this.refuse(t, addr(t), `TLS: peer certificate refused (${String(t.authorizationError)})`, 'TLS certificate refused');
      this.pool.protect(raw);
      this.sockets.add(t);
      t.on('close', () => this.sockets.delete(t));
      this.handshake(t, raw);
    });
    ts.on('tlsClientError', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNRESET') this.rejections.report(`transport: closed connection: TLS handshake failed: ${e.message}`, 'TLS handshake failed');
    });
    this.server = ts;
  }

  private log(who: string, reason: string): void {
    this.rejected.push(reason);
    if (this.rejected.length > 100) this.rejected.shift();
    this.o.log(`transport: closed connection from ${who}: ${printable(reason)}`);
  }

  /** Closes a connection that has not authenticated (its log lines are rate-limited). */
  private refuse(s: Socket, who: string, reason: string, kind: string): void {
    this.rejected.push(reason);
    if (this.rejected.length > 100) this.rejected.shift();
    this.rejections.report(`transport: closed connection from ${printable(who)}: ${printable(reason)}`, kind);
    s.destroy();
  }

  /** Gives `raw` a handshake slot and a deadline; false if it was refused. */
  private admit(raw: Socket): boolean {
    const a = this.pool.admit(raw);
    if (!a.admitted) {
      this.refuse(raw, addr(raw), 'handshake pool full of connections that sent a hello', 'handshake pool full');
      return false;
    }
    if (a.evict !== null) this.refuse(a.evict, addr(a.evict), 'evicted from the handshake pool (no hello yet)', 'evicted without hello');
    this.sockets.add(raw);
    raw.setNoDelay(true);
    const who = addr(raw);
    // After a stall of this process the timer runs before pending input is read: read it first.
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (this.pool.has(raw)) this.refuse(raw, who, 'handshake timeout', 'handshake timeout');
      });
    }, HANDSHAKE_MS);
    raw.on('error', () => {});
    raw.on('close', () => {
      clearTimeout(timer);
      this.pool.leave(raw);
      this.tlsPending.delete(who);
      this.sockets.delete(raw);
    });
    return true;
  }

  /** Runs the listener's side of the handshake on `s` (raw or TLS over `raw`), then reads frames. */
  private handshake(s: Socket, raw: Socket): void {
    const remote = addr(raw);
    const dec = new FrameDecoder(HANDSHAKE_BYTES);
    let stage: 'hello' | 'proof' | 'open' = 'hello';
    let peer = '';
    let helloNonce = '';
    let myNonce = '';
    let opener: FrameOpener | null = null;
    const early = (reason: string, kind: string): void => this.refuse(s, peer === '' ? remote : `${peer} (${remote})`, reason, kind);
    s.on('error', () => {});
    s.on('close', () => {
      if (peer !== '' && this.current.get(peer) === s) this.current.delete(peer);
    });
    s.on('data', (chunk: Buffer) => {
      if (s.destroyed) return;
      dec.push(chunk);
      for (let f = dec.next(); f !== null; f = dec.next()) {
        if (s.destroyed) return;
        if ('error' in f) return stage === 'open' ? this.close(s, peer, f.error) : early(f.error, 'bad handshake frame');
        if (stage === 'open') {
          const body = (opener as FrameOpener).open(f);
          if (body === null) return this.close(s, peer, 'frame failed authentication (tampered, replayed, reordered or from the other direction)');
          if (!this.frame(s, peer, body)) return;
          continue;
        }
        const p = parseJsonFrame(f);
        if (!p.ok) return early(p.reason, 'bad handshake frame');
        if (stage === 'hello') {
          const h = p.value;
          if (!isHello(h)) return early('malformed hello', 'bad handshake frame');
          if (h.id === this.o.id || !(this.o.peers.includes(h.id) || this.o.admit?.(h.id) === true)) return early(`unknown peer '${h.id.slice(0, 40)}'`, 'unknown peer');
          peer = h.id;
          helloNonce = h.nonce;
          myNonce = nonce();
          this.pool.protect(raw);
          s.write(encodeJsonFrame({ id: this.o.id, nonce: myNonce, mac: mac(this.o.secret, 'listener', h.nonce, this.o.id, peer) }));
          stage = 'proof';
        } else {
          if (!isProof(p.value) || !macEqual(p.value.mac, mac(this.o.secret, 'dialer', myNonce, peer, this.o.id))) {
            return early(`peer '${peer}' failed authentication`, 'failed authentication');
          }
          stage = 'open';
          this.pool.leave(raw);
          opener = new FrameOpener(frameKey(this.o.secret, helloNonce, myNonce, peer, this.o.id), 'dialer');
          dec.maxBytes = this.o.maxFrameBytes;
          const old = this.current.get(peer);
          this.current.set(peer, s);
          old?.destroy();
          this.o.authenticated(peer);
        }
      }
    });
  }

  /** Checks one authentic frame body and delivers it; false if the connection was closed. */
  private frame(s: Socket, peer: string, body: Buffer): boolean {
    const p = parseJsonFrame(body);
    if (!p.ok) return this.close(s, peer, p.reason);
    const m = p.value;
    const bad = validate(this.o.schema, m);
    if (bad !== null) return this.close(s, peer, `invalid message: ${bad}`);
    const e = m as { source: unknown; dest: unknown };
    if (e.source !== peer) return this.close(s, peer, `message claims source '${String(e.source)}'`);
    if (e.dest !== this.o.id) return this.close(s, peer, `message for '${String(e.dest)}'`);
    this.o.deliver(peer, m);
    return true;
  }

  private close(s: Socket, peer: string, reason: string): false {
    this.log(peer, reason);
    s.destroy();
    return false;
  }

  /** Connections that have not authenticated yet. */
  get pending(): number {
    return this.pool.size;
  }

  closeAll(): void {
    this.rejections.stop();
    for (const s of this.sockets) s.destroy();
  }
}

function addr(s: Socket): string {
  return `${s.remoteAddress ?? '?'}:${s.remotePort ?? '?'}`;
}

/** A string from the network, safe to put in one log line. */
function printable(x: string): string {
  return x.replace(/[^\x20-\x7e]/g, '?');
}
