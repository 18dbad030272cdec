// Real node processes on 127.0.0.1: election, replication and commit on 3 and 5 nodes; kill -9 of
// the leader and its restart; a follower restarted to catch up; a torn WAL tail; a corrupt WAL.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { replay } from '../../src/runtime/wal/wal.ts';
import { Cluster, kv, sleep } from './harness.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

describe('a real cluster', () => {
  it.each([3, 5])('elects one leader, replicates and commits on %i nodes; followers proxy to the leader', async (n) => {
    const c = (cluster = await Cluster.start(n));
    const leader = await c.waitLeader();
    const follower = c.ids.find((id) => id !== leader) as string;
    for (let k = 0; k < 10; k += 1) expect((await kv(c, follower, 'PUT', `k${k}`, `v${k}`)).code).toBe(200);
    expect(await kv(c, leader, 'GET', 'k3')).toEqual({ code: 200, body: { key: 'k3', value: 'v3' } });
    expect((await kv(c, follower, 'PUT', 'k3', 'z', '?expected=nope')).code).toBe(409);
    expect((await kv(c, follower, 'PUT', 'k3', 'z', '?expected=v3')).code).toBe(200);
    expect((await kv(c, follower, 'DELETE', 'k4')).code).toBe(200);
    expect((await kv(c, follower, 'GET', 'k4')).code).toBe(404);
    const last = (await c.status(leader))?.commitIndex ?? 0;
    for (const id of c.ids) await c.waitStatus(id, (s) => s.commitIndex >= last && s.applied >= last);
    const ss = await c.statuses();
    expect(ss.filter((s) => s?.role === 'Leader').length).toBe(1);
    expect(new Set(ss.map((s) => s?.term)).size).toBe(1);
  }, 120_000);

  it('requires the bearer token on the client API', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader(); // (a majority is up; the leader surely is)
    const { httpRequest } = await import('../../src/runtime/client.ts');
    expect((await httpRequest(`${c.url(leader)}/kv/a`, 'GET', null, {}, 5000)).code).toBe(401);
    expect((await httpRequest(`${c.url(leader)}/kv/a`, 'GET', null, { authorization: 'Bearer wrong-token-000' }, 5000)).code).toBe(401);
    expect((await kv(c, leader, 'GET', 'a')).code).toBe(404);
  }, 120_000);

  it('loses no acknowledged write when the leader is killed with SIGKILL, and the old leader catches up', async () => {
    const c = (cluster = await Cluster.start(3));
    const old = await c.waitLeader();
    const acked: string[] = [];
    for (let k = 0; k < 30; k += 1) if ((await kv(c, old, 'PUT', `a${k}`, `${k}`)).code === 200) acked.push(`a${k}`);
    expect(acked.length).toBe(30);
    await c.kill(old);
    const rest = c.ids.filter((id) => id !== old);
    const leader = await c.waitLeader(rest);
    for (const k of acked) expect((await kv(c, leader, 'GET', k)).body['value']).toBe(k.slice(1));
    expect((await kv(c, leader, 'PUT', 'after', 'x')).code).toBe(200);
    c.spawn(old);
    const target = (await c.status(leader))?.commitIndex ?? 0;
    await c.waitStatus(old, (s) => s.applied >= target);
    expect(c.logOf(old)).toMatch(/wal: recovered \d+ records/);
  }, 120_000);

  it('keeps every acknowledged write when the whole cluster is killed with SIGKILL and restarted', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader();
    for (let k = 0; k < 20; k += 1) expect((await kv(c, leader, 'PUT', `d${k}`, `${k}`)).code).toBe(200);
    for (const id of c.ids) await c.kill(id);
    for (const id of c.ids) c.spawn(id);
    const next = await c.waitLeader();
    for (let k = 0; k < 20; k += 1) expect((await kv(c, next, 'GET', `d${k}`)).body['value']).toBe(`${k}`);
  }, 120_000);

  it('a follower restarted after missing 100 writes catches up', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader();
    const f = c.ids.find((id) => id !== leader) as string;
    await c.kill(f);
    for (let k = 0; k < 100; k += 1) expect((await kv(c, leader, 'PUT', `f${k % 7}`, `${k}`)).code).toBe(200);
    c.spawn(f);
    const target = (await c.status(leader))?.commitIndex ?? 0;
    const s = await c.waitStatus(f, (x) => x.applied >= target, 20_000);
    expect(s.lastIndex).toBeGreaterThanOrEqual(target);
  }, 120_000);

  it('a node restarted with a torn WAL tail reports it, truncates it and rejoins', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader();
    for (let k = 0; k < 10; k += 1) await kv(c, leader, 'PUT', `t${k}`, `${k}`);
    const f = c.ids.find((id) => id !== leader) as string;
    await c.waitStatus(f, (s) => s.applied >= 10);
    await c.kill(f);
    // A record header promising 100 bytes, and 5 of them: a write torn by the crash (one that outran the preallocated zeros).
    truncateSync(c.walPath(f), replay(readFileSync(c.walPath(f))).end);
    appendFileSync(c.walPath(f), Buffer.from([0, 0, 0, 100, 1, 2, 3, 4, 0x7b, 0x22, 0x70, 0x22, 0x3a]));
    c.spawn(f);
    await c.waitStatus(f, (s) => s.applied >= 10);
    expect(c.logOf(f)).toMatch(/wal: truncated a torn tail of 13 bytes \(record \d+ at byte \d+ cut short\)/);
    expect((await kv(c, f, 'GET', 't9')).body['value']).toBe('9');
  }, 120_000);

  it('a node whose WAL is corrupt in the middle refuses to start with a clear error', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader();
    for (let k = 0; k < 5; k += 1) await kv(c, leader, 'PUT', `m${k}`, `${k}`);
    const f = c.ids.find((id) => id !== leader) as string;
    await c.waitStatus(f, (s) => s.applied >= 5);
    await c.kill(f);
    const buf = readFileSync(c.walPath(f));
    buf.writeUInt8(buf.readUInt8(20) ^ 0x01, 20); // inside the first record
    writeFileSync(c.walPath(f), buf);
    const p = c.spawn(f);
    const code = await new Promise<number | null>((r) => p.once('exit', (x) => r(x)));
    expect(code).toBe(1);
    expect(c.logOf(f)).toMatch(/^error: node s\d: write-ahead log \S+wal\.log is corrupt: record 1 at byte 8: .*corrupt in the middle; refusing to start: .*restore its data directory from a backup of this node.*remove this node and add it back as a learner \('cluster remove <id>', then 'cluster add <id>', which keeps the old data directory beside a fresh one\)$/m);
    expect(c.logOf(f)).not.toMatch(/wipe|rm -rf/);
    expect(c.logOf(f)).not.toMatch(/at .*\.ts:\d+/);
    await sleep(10);
  }, 120_000);

  it('a node with a flipped byte in its last WAL record refuses to start, and the acknowledged write survives (issue 13, scenario 2)', async () => {
    const c = (cluster = await Cluster.start(3));
    const leader = await c.waitLeader();
    const [other, down] = c.ids.filter((id) => id !== leader) as [string, string];
    await c.kill(down);
    expect((await kv(c, leader, 'PUT', 'victim1', 'v1')).code).toBe(200);
    const committed = (await c.status(leader))?.commitIndex ?? 0;
    await c.waitStatus(other, (s) => s.lastIndex >= committed);
    await c.kill(leader);
    await c.kill(other);
    const buf = readFileSync(c.walPath(other));
    const end = replay(buf).end; // the last record's end: zeros follow it in the preallocated file
    buf.writeUInt8(buf.readUInt8(end - 2) ^ 0x01, end - 2);
    writeFileSync(c.walPath(other), buf);
    const p = c.spawn(other);
    c.spawn(down);
    expect(await new Promise<number | null>((r) => p.once('exit', (x) => r(x)))).toBe(1);
    expect(c.logOf(other)).toMatch(/^error: node s\d: write-ahead log \S+ is corrupt: record \d+ at byte \d+ \(the last\): checksum mismatch in a full-length record with no zeroed sector: corrupt, not a torn write; refusing to start: /m);
    expect(readFileSync(c.walPath(other)).equals(buf)).toBe(true);
    c.spawn(leader);
    const next = await c.waitLeader([leader, down]);
    expect((await kv(c, next, 'GET', 'victim1')).body).toEqual({ key: 'victim1', value: 'v1' });
  }, 120_000);
});
