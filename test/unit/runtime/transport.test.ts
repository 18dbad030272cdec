import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Transport } from '../../../src/runtime/transport/tcp.ts';
import { dialAsPeer, freePort, until } from './net-helpers.ts';
import type { Envelope } from '../../../src/runtime/transport/tcp.ts';
import { FrameDecoder, encodeFrame, encodeJsonFrame } from '../../../src/runtime/transport/frame.ts';
import { int, obj, str, tagged, validate } from '../../../src/runtime/transport/schema.ts';
import type { FrameSealer } from '../../../src/runtime/transport/seal.ts';

type Msg = Envelope & { type: 'Ping'; n: number };
const schema = tagged('type', { Ping: obj({ type: str('Ping'), source: str(), dest: str(), n: int() }) });

const started: Transport<Msg>[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(started.splice(0).map((t) => t.close()));
});

async function pair(secretB = 'k') {
  const [pa, pb] = [await freePort(), await freePort()];
  // c is a member that no process runs: the tests speak as c without a real c replacing them.
  const peers = { a: { host: '127.0.0.1', port: pa }, b: { host: '127.0.0.1', port: pb }, c: { host: '127.0.0.1', port: await freePort() } };
  const got: Record<string, Msg[]> = { a: [], b: [] };
  const logs: Record<string, string[]> = { a: [], b: [] };
  const mk = (id: 'a' | 'b', secret: string) =>
    Transport.start<Msg>({
      id, secret, listen: peers[id], peers, schema,
      onMessage: (m) => got[id]!.push(m),
      log: (l) => logs[id]!.push(l),
      maxFrameBytes: 1000,
    });
  const a = await mk('a', 'k');
  const b = await mk('b', secretB);
  started.push(a, b);
  return { a, b, got, logs, peers };
}

/** Dials `port`, completes the handshake as `id` with `secret`; returns the socket and a frame sealer. */
const handshakeSealed = (port: number, id: string, secret: string, target: string) => dialAsPeer(port, id, secret, target, sockets);

async function handshake(port: number, id: string, secret: string, target: string): Promise<Socket> {
  return (await handshakeSealed(port, id, secret, target)).s;
}

/** A frame of this JSON value with the next tag of `sealer`. */
const sealed = (sealer: FrameSealer, value: unknown): Buffer => encodeFrame(sealer.seal(Buffer.from(JSON.stringify(value))));

const closed = (s: Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.on('close', () => r())));

describe('frames and schemas', () => {
  it('decodes frames split at every byte', () => {
    const bytes = Buffer.concat([encodeJsonFrame({ a: 1 }), encodeJsonFrame([2, 3])]);
    const dec = new FrameDecoder(100);
    const out: string[] = [];
    for (const b of bytes) {
      dec.push(Buffer.from([b]));
      for (let f = dec.next(); f !== null; f = dec.next()) if (f instanceof Buffer) out.push(f.toString());
    }
    expect(out).toEqual(['{"a":1}', '[2,3]']);
  });
  it('reports an oversized frame', () => {
    const dec = new FrameDecoder(10);
    dec.push(encodeFrame(Buffer.alloc(11)));
    expect(dec.next()).toEqual({ error: 'frame of 11 bytes exceeds the limit of 10' });
  });
  it('names the path of a schema violation', () => {
    expect(validate(schema, { type: 'Ping', source: 'a', dest: 'b', n: -1 })).toBe('n: expected an integer >= 0');
    expect(validate(schema, { type: 'Pong' })).toMatch(/^type: expected one of Ping/);
    expect(validate(schema, { type: 'Ping', source: 'a', dest: 'b', n: 1, x: 1 })).toBe('x: unexpected field');
    expect(validate(schema, { type: 'Ping', source: 'a', dest: 'b', n: 1 })).toBeNull();
  });
});

describe('Transport', () => {
  it('hands a frame to the kernel within send: nothing stays corked for a later tick (a synchronous WAL write may follow)', async () => {
    const { a, got } = await pair();
    await until(() => a.connected('b'));
    const socket = (a as unknown as { out: Map<string, { socket: Socket | null }> }).out.get('b')?.socket;
    a.send({ type: 'Ping', n: 1, source: 'a', dest: 'b' });
    expect(socket?.writableCorked).toBe(0);
    expect(socket?.writableLength).toBe(0);
    await until(() => got['b']!.length === 1);
    expect(got['b']?.[0]).toMatchObject({ n: 1 });
  });

  it('delivers messages both ways after mutual authentication', async () => {
    const { a, b, got } = await pair();
    for (let n = 0; n < 100; n += 1) a.send({ type: 'Ping', source: 'a', dest: 'b', n });
    b.send({ type: 'Ping', source: 'b', dest: 'a', n: 7 });
    await until(() => got.b!.length === 100 && got.a!.length === 1);
    expect(got.b!.map((m) => m.n)).toEqual([...Array(100).keys()]);
  }, 10_000);

  it('refuses a node with the wrong secret, and logs why', async () => {
    const { a, got, logs } = await pair('wrong');
    a.send({ type: 'Ping', source: 'a', dest: 'b', n: 1 });
    await until(() => logs.a!.some((l) => /failed authentication/.test(l)) && logs.b!.some((l) => /failed authentication/.test(l)));
    expect(got.b).toEqual([]);
  }, 10_000);

  it('refuses an unknown peer and a stranger without the secret', async () => {
    const { peers, logs } = await pair();
    const s1 = connect({ host: '127.0.0.1', port: peers.b.port });
    sockets.push(s1);
    s1.write(encodeJsonFrame({ hello: 'cc1', id: 'mallory', nonce: '0'.repeat(32) }));
    await closed(s1);
    const s2 = await handshake(peers.b.port, 'a', 'guess', 'b');
    await closed(s2);
    await until(() => logs.b!.some((l) => /unknown peer 'mallory'/.test(l)));
    expect(logs.b!.some((l) => /peer 'a' failed authentication/.test(l))).toBe(true);
  }, 10_000);

  it('closes a connection on an oversized, malformed, invalid or spoofed frame and keeps running', async () => {
    const { a, peers, logs, got } = await pair();
    const bad: [(sealer: FrameSealer) => Buffer, RegExp][] = [
      [() => encodeFrame(Buffer.alloc(5000)), /exceeds the limit/],
      [(k) => encodeFrame(k.seal(Buffer.from('{nope'))), /not valid JSON/],
      [(k) => sealed(k, { type: 'Ping', source: 'c', dest: 'b', n: 'x' }), /n: expected an integer/],
      [(k) => sealed(k, { type: 'Ping', source: 'a', dest: 'b', n: 1 }), /claims source 'a'/],
      [(k) => sealed(k, { type: 'Ping', source: 'c', dest: 'z', n: 1 }), /message for 'z'/],
      [() => encodeJsonFrame({ type: 'Ping', source: 'c', dest: 'b', n: 1 }), /frame failed authentication/],
    ];
    for (const [frame, why] of bad) {
      const { s, sealer } = await handshakeSealed(peers.b.port, 'c', 'k', 'b');
      s.write(frame(sealer));
      await closed(s);
      await until(() => logs.b!.some((l) => why.test(l))).catch((e: unknown) => { throw new Error(`${String(why)}: ${JSON.stringify(logs.b)}: ${String(e)}`); });
    }
    const raw = connect({ host: '127.0.0.1', port: peers.b.port });
    sockets.push(raw);
    raw.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]));
    await closed(raw);
    a.send({ type: 'Ping', source: 'a', dest: 'b', n: 42 });
    await until(() => got.b!.some((m) => m.n === 42));
  }, 15_000);

  it('reconnects with back-off when the peer comes up late or restarts', async () => {
    const [pa, pb] = [await freePort(), await freePort()];
    const peers = { a: { host: '127.0.0.1', port: pa }, b: { host: '127.0.0.1', port: pb } };
    const got: Msg[] = [];
    const opts = (id: 'a' | 'b') => ({ id, secret: 'k', listen: peers[id], peers, schema, log: () => {}, onMessage: (m: Msg) => got.push(m) });
    const a = await Transport.start<Msg>(opts('a'));
    started.push(a);
    await new Promise((r) => setTimeout(r, 300));
    let b = await Transport.start<Msg>(opts('b'));
    let n = 0;
    await until(() => {
      a.send({ type: 'Ping', source: 'a', dest: 'b', n: n++ });
      return got.length > 0;
    });
    await b.close();
    b = await Transport.start<Msg>(opts('b'));
    started.push(b);
    const before = got.length;
    await until(() => {
      a.send({ type: 'Ping', source: 'a', dest: 'b', n: n++ });
      return got.length > before;
    });
  }, 10_000);

  it('injects faults only when enabled', async () => {
    const { a } = await pair();
    expect(() => a.setFaults({ drop: 1 })).toThrow(/not enabled/);
  });
});
