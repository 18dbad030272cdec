// Issue #13 item 3: idle connections from a stranger (no secret) to the peer ports must not keep
// restarted followers out. Two followers are killed; a bounded flood holds idle connections to every
// peer port (reopening each one a node closes); the followers restart during the flood, rejoin, and
// a write commits before the flood ends.
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Cluster, kv, sleep } from './harness.ts';

let cluster: Cluster | null = null;
let stopFlood: (() => void) | null = null;
afterEach(async () => {
  stopFlood?.();
  stopFlood = null;
  await cluster?.stop();
  cluster = null;
});

/** Holds `perPort` idle connections to each port on 127.0.0.1 for at most `ms`, reopening closed ones. */
function flood(ports: readonly number[], perPort: number, ms: number): { opened: () => number; stop: () => void; ended: () => boolean } {
  const sockets = new Set<Socket>();
  let opened = 0;
  let on = true;
  const open = (port: number): void => {
    if (!on) return;
    opened += 1;
    const s = connect({ host: '127.0.0.1', port });
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => {
      sockets.delete(s);
      setTimeout(() => open(port), 5);
    });
  };
  const stop = (): void => {
    on = false;
    clearTimeout(timer);
    for (const s of sockets) s.destroy();
  };
  const timer = setTimeout(stop, ms);
  for (const p of ports) for (let k = 0; k < perPort; k += 1) open(p);
  return { opened: () => opened, stop, ended: () => !on };
}

describe('a flood of unauthenticated peer connections', () => {
  it('does not keep restarted followers out: they rejoin and a write commits during the flood', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader(c.ids, 30_000);
    expect((await kv(c, leader, 'PUT', 'before', '1')).code).toBe(200);
    const followers = c.ids.filter((id) => id !== leader);
    for (const id of followers) await c.kill(id);
    const f = flood(Object.values(c.nodes).map((n) => n.peerPort), 60, 75_000);
    stopFlood = f.stop;
    await sleep(1000);
    for (const id of followers) c.spawn(id);
    // (A node takes a while to start on a loaded machine; the flood lasts long enough for that.)
    for (const id of followers) await c.waitStatus(id, () => true, 30_000);
    let put = await kv(c, leader, 'PUT', 'during', '2');
    for (let k = 0; k < 2 && put.code !== 200; k += 1) put = await kv(c, leader, 'PUT', 'during', '2');
    expect(put.code).toBe(200);
    const target = (await c.status(leader))?.commitIndex ?? 0;
    for (const id of followers) await c.waitStatus(id, (s) => s.applied >= target && s.leader !== null, 15_000);
    expect(f.ended()).toBe(false);
    // The flood was real: the nodes kept closing idle connections, and the flooder kept reopening them.
    expect(f.opened()).toBeGreaterThan(3 * 60);
    expect(c.logOf(leader)).toMatch(/closed connection from 127\.0\.0\.1:\d+: (evicted from the handshake pool|handshake timeout)/);
  }, 120_000);
});
