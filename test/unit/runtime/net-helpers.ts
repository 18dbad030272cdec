// Shared by the transport tests: free ports, polling, and dialing a transport as a peer by hand.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { frameKey, mac } from '../../../src/runtime/transport/auth.ts';
import { FrameDecoder, encodeJsonFrame } from '../../../src/runtime/transport/frame.ts';
import { FrameSealer } from '../../../src/runtime/transport/seal.ts';

/** A port nobody listens on right now, below the ephemeral range (the CLI's choice for `cluster start`). */
export { freePort } from '../../../src/cli/commands/cluster.ts';

/** Waits until `f()` holds, polling every 10 ms; throws after `ms`. */
export async function until(f: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Dials `port` and completes the handshake as `id` with `secret` towards `target`; the socket is pushed on `sockets` for cleanup. */
export async function dialAsPeer(port: number, id: string, secret: string, target: string, sockets: Socket[]): Promise<{ s: Socket; sealer: FrameSealer; key: Buffer }> {
  const s = connect({ host: '127.0.0.1', port });
  sockets.push(s);
  const dec = new FrameDecoder(10_000);
  const mine = '0'.repeat(32);
  s.write(encodeJsonFrame({ hello: 'cc1', id, nonce: mine }));
  const theirs = await new Promise<string>((resolve) => {
    s.on('data', (c: Buffer) => {
      dec.push(c);
      const f = dec.next();
      if (f instanceof Buffer) {
        const ch = JSON.parse(f.toString()) as { nonce: string };
        s.write(encodeJsonFrame({ mac: mac(secret, 'dialer', ch.nonce, id, target) }));
        resolve(ch.nonce);
      }
    });
  });
  const key = frameKey(secret, mine, theirs, id, target);
  return { s, sealer: new FrameSealer(key, 'dialer'), key };
}
