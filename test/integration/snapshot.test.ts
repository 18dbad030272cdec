// Log compaction with real processes (issue 16): nodes restarted from snapshot + WAL tail hold the same
// KV state; a lagging follower catches up by InstallSnapshot over TCP in chunks; kill -9 during a
// snapshot write loses no acknowledged write; a corrupt snapshot file is refused with one line.
// Election timeouts are long (2-4 s) and waits generous: the development machine is shared.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, kv, sleep } from './harness.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

const slow = { electionMs: [2000, 4000], heartbeatMs: 100, commandTimeoutMs: 10_000 };
const snapPath = (c: Cluster, id: string) => join(c.dir, 'data', id, 'snapshot.snap');

/** Writes keys `${prefix}0..n-1` one after another through `via`; every one must be acknowledged. */
async function writeKeys(c: Cluster, via: string, prefix: string, n: number, value = (k: number) => `v${k}`): Promise<void> {
  for (let k = 0; k < n; k += 1) expect((await kv(c, via, 'PUT', `${prefix}${k}`, value(k))).code, `${prefix}${k}`).toBe(200);
}

/** Every node's status once all have applied the leader's commit index. */
async function settled(c: Cluster, leader: string, ids = c.ids): Promise<{ applied: number; keys: number; snapshotIndex: number }[]> {
  const last = (await c.status(leader))?.commitIndex ?? 0;
  const out = [];
  for (const id of ids) out.push((await c.waitStatus(id, (s) => s.applied >= last, 60_000)) as unknown as { applied: number; keys: number; snapshotIndex: number });
  return out;
}

describe('snapshots on real processes', () => {
  it('every node restarted (kill -9) from snapshot + WAL tail holds the same KV state', async () => {
    const c = (cluster = await Cluster.start(3, { ...slow, snapshotEntries: 10 }));
    const leader = await c.waitLeader();
    await writeKeys(c, leader, 'a', 45);
    expect((await kv(c, leader, 'DELETE', 'a3')).code).toBe(200);
    const before = await settled(c, leader);
    for (const s of before) expect(s.snapshotIndex).toBeGreaterThan(0);
    for (const id of c.ids) expect(existsSync(snapPath(c, id)), id).toBe(true);
    for (const id of c.ids) await c.kill(id);
    for (const id of c.ids) c.spawn(id);
    const next = await c.waitLeader(c.ids, 60_000);
    for (const id of c.ids) expect(c.logOf(id)).toMatch(/snapshot: loaded index \d+ from /);
    const after = await settled(c, next);
    for (const s of after) expect(s.keys).toBe(44);
    for (let k = 0; k < 45; k += 1) expect((await kv(c, next, 'GET', `a${k}`)).body['value'], `a${k}`).toBe(k === 3 ? undefined : `v${k}`);
  }, 240_000);

  it('a follower far behind catches up by InstallSnapshot, sent in chunks', async () => {
    // 200 values of 20 KB: a snapshot of about 4 MB, many chunks.
    const c = (cluster = await Cluster.start(3, { ...slow, snapshotEntries: 50 }));
    const leader = await c.waitLeader();
    const lagging = c.ids.find((id) => id !== leader) as string;
    await c.kill(lagging);
    await writeKeys(c, leader, 'b', 200, (k) => `${k}:${'x'.repeat(20_000)}`);
    await c.waitStatus(leader, (s) => (s as unknown as { snapshotIndex: number }).snapshotIndex > 0, 60_000);
    c.spawn(lagging);
    const [s] = await settled(c, leader, [lagging]);
    expect(s?.keys).toBe(200);
    expect(c.logOf(lagging)).toMatch(/snapshot: installed index \d+ from the leader \(\d+ bytes/);
    // It serves from its own state: with the leader gone, it and the third node elect one of them.
    await c.kill(leader);
    const next = await c.waitLeader(c.ids.filter((id) => id !== leader), 60_000);
    expect((await kv(c, next, 'GET', 'b199')).body['value']).toBe(`199:${'x'.repeat(20_000)}`);
    expect((await kv(c, next, 'GET', 'b0')).body['value']).toBe(`0:${'x'.repeat(20_000)}`);
  }, 240_000);

  it('kill -9 during a snapshot write: the node recovers and no acknowledged write is lost', async () => {
    // Large values make each snapshot write take long enough to be caught with its temp file present.
    const c = (cluster = await Cluster.start(3, { ...slow, snapshotEntries: 5 }));
    const leader = await c.waitLeader();
    const victim = c.ids.find((id) => id !== leader) as string;
    const temp = `${snapPath(c, victim)}.tmp`;
    let k = 0;
    let caught = false;
    const writer = (async () => {
      while (!caught && k < 400) {
        expect((await kv(c, leader, 'PUT', `c${k}`, `${k}:${'y'.repeat(60_000)}`)).code).toBe(200);
        k += 1;
      }
    })();
    while (!caught && k < 400) {
      if (existsSync(temp)) {
        await c.kill(victim);
        caught = existsSync(temp);
      }
      await sleep(caught ? 0 : 2);
      if (!caught && !c.procs.has(victim)) c.spawn(victim);
    }
    await writer;
    expect(caught, 'a kill landed while the snapshot temp file existed').toBe(true);
    const acked = k;
    c.spawn(victim);
    const [s] = await settled(c, leader, [victim]);
    expect(s?.keys).toBe(acked);
    // (Its temp file may exist again by now: catching up, it takes snapshots of its own.)
    expect(c.logOf(victim)).toMatch(/snapshot: removed an unfinished snapshot file/);
    // Every acknowledged write is there, read from a leader elected between the victim and the third node.
    await c.kill(leader);
    const next = await c.waitLeader(c.ids.filter((id) => id !== leader), 60_000);
    for (const j of [0, Math.floor(acked / 2), acked - 1]) expect((await kv(c, next, 'GET', `c${j}`)).body['value'], `c${j}`).toBe(`${j}:${'y'.repeat(60_000)}`);
  }, 240_000);

  it('a node whose snapshot file is corrupt refuses to start with one line naming the file and the problem', async () => {
    const c = (cluster = await Cluster.start(3, { ...slow, snapshotEntries: 5 }));
    const leader = await c.waitLeader();
    await writeKeys(c, leader, 'd', 12);
    const f = c.ids.find((id) => id !== leader) as string;
    await c.waitStatus(f, (s) => (s as unknown as { snapshotIndex: number }).snapshotIndex > 0, 60_000);
    await c.kill(f);
    const buf = readFileSync(snapPath(c, f));
    buf[buf.length - 20] = (buf[buf.length - 20] as number) ^ 1; // inside the end record
    writeFileSync(snapPath(c, f), buf);
    const p = c.spawn(f);
    expect(await new Promise<number | null>((r) => p.once('exit', (x) => r(x)))).toBe(1);
    const lines = c.logOf(f).split('\n').filter((l) => l.startsWith('error:'));
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^error: node s\d: snapshot file \S+snapshot\.snap is corrupt: record \d+ at byte \d+: checksum mismatch; refusing to start: .*restore its data directory from a backup/);
    expect(c.logOf(f)).not.toMatch(/at .*\.ts:\d+/);
    expect(readFileSync(snapPath(c, f))).toEqual(buf);
  }, 120_000);
});
