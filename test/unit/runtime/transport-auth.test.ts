import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { frameKey } from '../../../src/runtime/transport/auth.ts';
import { encodeFrame, encodeJsonFrame } from '../../../src/runtime/transport/frame.ts';
import { HandshakePool } from '../../../src/runtime/transport/pool.ts';
import { int, obj, str, tagged } from '../../../src/runtime/transport/schema.ts';
import { FrameOpener, FrameSealer, TAG_BYTES } from '../../../src/runtime/transport/seal.ts';
import { Transport } from '../../../src/runtime/transport/tcp.ts';
import { dialAsPeer, freePort, until } from './net-helpers.ts';
import type { Envelope } from '../../../src/runtime/transport/tcp.ts';

const key = frameKey('a shared secret!', '1'.repeat(32), '2'.repeat(32), 'a', 'b');
const body = (n: number) => Buffer.from(JSON.stringify({ n }));

describe('frame tags', () => {
  it('opens frames in the order they were sealed', () => {
    const tx = new FrameSealer(key, 'dialer');
    const rx = new FrameOpener(key, 'dialer');
    for (let n = 0; n < 5; n += 1) expect(rx.open(tx.seal(body(n)))?.toString()).toBe(body(n).toString());
  });

  it('rejects a tampered body or tag', () => {
    const tx = new FrameSealer(key, 'dialer');
    const f = tx.seal(body(1));
    const bodyFlip = Buffer.from(f);
    bodyFlip[TAG_BYTES + 3] = (bodyFlip[TAG_BYTES + 3] as number) ^ 1;
    const tagFlip = Buffer.from(f);
    tagFlip[0] = (tagFlip[0] as number) ^ 0x80;
    expect(new FrameOpener(key, 'dialer').open(bodyFlip)).toBeNull();
    expect(new FrameOpener(key, 'dialer').open(tagFlip)).toBeNull();
    expect(new FrameOpener(key, 'dialer').open(f.subarray(0, TAG_BYTES - 1))).toBeNull();
    expect(new FrameOpener(key, 'dialer').open(f)).not.toBeNull();
  });

  it('rejects a replayed frame and a reordered one', () => {
    const tx = new FrameSealer(key, 'dialer');
    const [f0, f1, f2] = [tx.seal(body(0)), tx.seal(body(1)), tx.seal(body(2))];
    const rx = new FrameOpener(key, 'dialer');
    expect(rx.open(f0)).not.toBeNull();
    expect(rx.open(f0)).toBeNull();
    const ry = new FrameOpener(key, 'dialer');
    expect(ry.open(f0)).not.toBeNull();
    expect(ry.open(f2)).toBeNull();
    expect(ry.open(f1)).not.toBeNull();
  });

  it('rejects a frame from the other direction, and one under another connection key', () => {
    const back = new FrameSealer(key, 'listener').seal(body(0));
    expect(new FrameOpener(key, 'dialer').open(back)).toBeNull();
    expect(new FrameOpener(key, 'listener').open(back)).not.toBeNull();
    const other = frameKey('a shared secret!', '1'.repeat(32), '3'.repeat(32), 'a', 'b');
    expect(new FrameOpener(other, 'dialer').open(new FrameSealer(key, 'dialer').seal(body(0)))).toBeNull();
  });
});

describe('HandshakePool', () => {
  it('evicts the oldest connection without a hello to admit a new one', () => {
    const p = new HandshakePool<string>(3);
    for (const c of ['x', 'y', 'z']) expect(p.admit(c)).toEqual({ admitted: true, evict: null });
    p.protect('x');
    expect(p.admit('w')).toEqual({ admitted: true, evict: 'y' });
    expect(p.admit('v')).toEqual({ admitted: true, evict: 'z' });
    expect(p.size).toBe(3);
  });

  it('refuses a new connection only when every slot holds one that sent a hello', () => {
    const p = new HandshakePool<string>(2);
    p.admit('x');
    p.admit('y');
    p.protect('x');
    p.protect('y');
    expect(p.admit('z')).toEqual({ admitted: false });
    p.leave('x');
    expect(p.admit('z')).toEqual({ admitted: true, evict: null });
  });
});

type Msg = Envelope & { type: 'Ping'; n: number };
const schema = tagged('type', { Ping: obj({ type: str('Ping'), source: str(), dest: str(), n: int() }) });
const started: Transport<Msg>[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(started.splice(0).map((t) => t.close()));
});

const closed = (s: Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.on('close', () => r())));

/** A listener b (peers a, b, c; nobody runs a or c) and a way to speak to it as c. */
async function listener(maxPending = 16) {
  const peers = { a: { host: '127.0.0.1', port: await freePort() }, b: { host: '127.0.0.1', port: await freePort() }, c: { host: '127.0.0.1', port: await freePort() } };
  const got: Msg[] = [];
  const logs: string[] = [];
  const b = await Transport.start<Msg>({ id: 'b', secret: 'k', listen: peers.b, peers, schema, onMessage: (m) => got.push(m), log: (l) => logs.push(l), maxPending });
  started.push(b);
  const asPeer = async (id = 'c'): Promise<{ s: Socket; sealer: FrameSealer; key: Buffer }> => {
    return dialAsPeer(peers.b.port, id, 'k', 'b', sockets);
  };
  return { b, peers, got, logs, asPeer };
}

const ping = (n: number, source = 'c') => Buffer.from(JSON.stringify({ type: 'Ping', source, dest: 'b', n }));

describe('Transport: authenticated frames and the handshake pool', () => {
  it('closes the connection on a replayed frame, with a log line', async () => {
    const { got, logs, asPeer } = await listener();
    const { s, sealer } = await asPeer();
    const f = encodeFrame(sealer.seal(ping(1)));
    s.write(f);
    await until(() => got.length === 1);
    s.write(f);
    await closed(s);
    expect(logs.some((l) => /closed connection from c: frame failed authentication/.test(l))).toBe(true);
    expect(got.map((m) => m.n)).toEqual([1]);
  }, 10_000);

  it('closes the connection on a tampered frame and on one tagged for the other direction', async () => {
    const { got, logs, asPeer } = await listener();
    const a = await asPeer();
    const t = a.sealer.seal(ping(1));
    t[t.length - 3] = (t[t.length - 3] as number) ^ 1;
    a.s.write(encodeFrame(t));
    await closed(a.s);
    const b = await asPeer();
    // Same key and sequence number, tagged as sent by the listener (a frame reflected back).
    b.s.write(encodeFrame(new FrameSealer(b.key, 'listener').seal(ping(2))));
    await closed(b.s);
    expect(logs.filter((l) => /frame failed authentication/.test(l))).toHaveLength(2);
    expect(got).toEqual([]);
  }, 10_000);

  it('lets a peer in while idle strangers fill the pool, and a new connection of a peer replaces its old one', async () => {
    const { b, got, peers, asPeer } = await listener(4);
    let flooding = true;
    const open = (): void => {
      if (!flooding) return;
      const s = connect({ host: '127.0.0.1', port: peers.b.port });
      sockets.push(s);
      s.on('error', () => {});
      s.on('close', () => setTimeout(open, 1));
    };
    for (let k = 0; k < 20; k += 1) open();
    await until(() => b.pending === 4);
    const first = await asPeer();
    first.s.write(encodeFrame(first.sealer.seal(ping(1))));
    await until(() => got.length === 1);
    const second = await asPeer();
    await closed(first.s);
    second.s.write(encodeFrame(second.sealer.seal(ping(2))));
    await until(() => got.length === 2);
    flooding = false;
    expect(b.pending).toBeLessThanOrEqual(4);
    expect(got.map((m) => m.n)).toEqual([1, 2]);
  }, 10_000);

  it('logs an unknown peer id on one line', async () => {
    const { logs, peers } = await listener();
    const s = connect({ host: '127.0.0.1', port: peers.b.port });
    sockets.push(s);
    s.write(encodeJsonFrame({ hello: 'cc1', id: 'eve\nforged line', nonce: '0'.repeat(32) }));
    await closed(s);
    expect(logs).toContainEqual(expect.stringMatching(/^transport: closed connection from 127\.0\.0\.1:\d+: unknown peer 'eve\?forged line'$/));
  }, 10_000);

  it('closes every connection that sends junk, with one log line each, and keeps serving peers', async () => {
    const { got, logs, asPeer, peers } = await listener();
    let seed = 13;
    const junk = (): Buffer => {
      const n = 1 + (seed % 61);
      const b = Buffer.alloc(n);
      for (let k = 0; k < n; k += 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        b[k] = seed & 0xff;
      }
      return b;
    };
    // Before the handshake: raw junk (it may also just wait for more bytes until the deadline).
    for (let k = 0; k < 30; k += 1) {
      const s = connect({ host: '127.0.0.1', port: peers.b.port });
      sockets.push(s);
      s.on('error', () => {});
      s.write(junk());
    }
    // After it: frames with a valid tag around junk, and junk without a valid tag.
    for (let k = 0; k < 20; k += 1) {
      const { s, sealer } = await asPeer();
      const body = junk();
      s.write(encodeFrame(k % 2 === 0 ? sealer.seal(body) : body));
      await closed(s);
    }
    const lines = logs.filter((l) => /^transport: closed connection from c: /.test(l));
    expect(lines).toHaveLength(20);
    const { s, sealer } = await asPeer();
    s.write(encodeFrame(sealer.seal(ping(9))));
    await until(() => got.some((m) => m.n === 9));
  }, 15_000);
});
