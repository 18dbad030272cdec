// Copy-on-write capture of the KV store (issue 16: snapshotting does not stall replication): the
// snapshot is the state when it began, however many commands apply while it is read.
import { describe, expect, it } from 'vitest';
import { KvStore } from '../../../src/runtime/kv/kv.ts';
import { CowMap } from '../../../src/runtime/snapshot-cow.ts';
import { badKvSnapshot, captureKv, loadKv } from '../../../src/runtime/snapshot-kv.ts';

describe('CowMap', () => {
  it('a frozen base is unchanged by writes; reads see the writes; thaw folds them in', () => {
    const m = new CowMap<string, number>();
    m.set('a', 1);
    m.set('b', 2);
    const base = m.freeze();
    m.set('a', 10);
    m.delete('b');
    m.set('c', 3);
    expect([...base]).toEqual([['a', 1], ['b', 2]]);
    expect([m.get('a'), m.has('b'), m.get('c'), m.size]).toEqual([10, false, 3, 2]);
    m.thaw();
    expect([m.get('a'), m.has('b'), m.get('c'), m.size, m.frozen]).toEqual([10, false, 3, 2, false]);
    expect(() => (m.freeze(), m.freeze())).toThrow('already frozen');
  });
});

describe('captureKv', () => {
  it('captures the store as it was when the capture began, while commands keep applying', async () => {
    const kv = new KvStore();
    for (let k = 0; k < 10_000; k += 1) kv.apply({ op: 'put', key: `k${k}`, value: k });
    kv.apply({ op: 'put', key: 's', value: 'x', client: 'c1', seq: 1 });
    const pending = captureKv(kv, () => false);
    // Applied while the capture reads in slices (it yields every 4096 keys).
    kv.apply({ op: 'put', key: 'k0', value: 'changed' });
    kv.apply({ op: 'del', key: 'k1' });
    kv.apply({ op: 'put', key: 'new', value: 1, client: 'c1', seq: 2 });
    const data = await pending;
    expect(data?.kv.length).toBe(10_001);
    expect(data?.kv.find(([k]) => k === 'k0')?.[1]).toBe(0);
    expect(data?.kv.some(([k]) => k === 'k1')).toBe(true);
    expect(data?.kv.some(([k]) => k === 'new')).toBe(false);
    expect(data?.sessions.map(([c, s]) => [c, s.seq])).toEqual([['c1', 1]]);
    // The live store kept every write, and the next capture sees them.
    expect([kv.peek('k0'), kv.peek('k1'), kv.peek('new'), kv.size]).toEqual(['changed', undefined, 1, 10_001]);
    const after = await captureKv(kv, () => false);
    expect(after?.kv.find(([k]) => k === 'k0')?.[1]).toBe('changed');
  });

  it('a cancelled capture gives null and leaves the store writable', async () => {
    const kv = new KvStore();
    for (let k = 0; k < 5000; k += 1) kv.apply({ op: 'put', key: `k${k}`, value: k });
    expect(await captureKv(kv, () => true)).toBeNull();
    kv.apply({ op: 'put', key: 'z', value: 1 });
    expect(kv.size).toBe(5001);
  });

  it('loads checked data: a session retry after a snapshot gets the recorded result (thesis §6.3)', async () => {
    const a = new KvStore();
    a.apply({ op: 'put', key: 'k', value: 'v', client: 'c1', seq: 1 });
    const data = await captureKv(a, () => false);
    expect(badKvSnapshot(data)).toBeNull();
    const b = new KvStore();
    loadKv(b, data!);
    expect(b.peek('k')).toBe('v');
    expect(b.apply({ op: 'put', key: 'k', value: 'v', client: 'c1', seq: 1 })).toEqual({ ok: true });
    expect(b.apply({ op: 'put', key: 'k', value: 'w', client: 'c1', seq: 1 })).toEqual({ ok: false, error: 'seq-reused' });
  });

  it('carries session expiry: a client expired before the snapshot stays expired in a store loaded from it', async () => {
    const kv = new KvStore(1000);
    kv.apply({ op: 'put', key: 'a', value: 1, client: 'old', seq: 1, time: 1 });
    kv.apply({ op: 'put', key: 'b', value: 2, client: 'new', seq: 1, time: 5000 });
    expect(kv.apply({ op: 'put', key: 'a', value: 3, client: 'old', seq: 2, time: 5001 })).toEqual({ ok: false, error: 'session-expired' });
    const data = await captureKv(kv, () => false);
    const loaded = new KvStore(1000);
    loadKv(loaded, JSON.parse(JSON.stringify(data)) as never);
    expect(loaded.apply({ op: 'put', key: 'a', value: 3, client: 'old', seq: 2, time: 5002 })).toEqual({ ok: false, error: 'session-expired' });
    expect(loaded.peek('a')).toBe(1);
  });

  it('refuses data that is not a KV snapshot, naming the item', () => {
    expect(badKvSnapshot(null)).toBe('snapshot data is not an object');
    expect(badKvSnapshot({ kv: [] })).toBe('snapshot data lacks its kv and sessions lists');
    expect(badKvSnapshot({ kv: [['a', 1], ['b']], sessions: [] })).toBe('kv item 2 is not a [key, value] pair');
    expect(badKvSnapshot({ kv: [], sessions: [['c', { seq: 1 }]] })).toBe('session 1 is not a [client, { seq, digest, result, last }] pair');
    expect(badKvSnapshot({ kv: [], sessions: [['c', { seq: 1, digest: 'd', result: { ok: true } }]] })).toBe('session 1 is not a [client, { seq, digest, result, last }] pair');
    expect(badKvSnapshot({ kv: [], sessions: [], expiry: { time: 5, lastSweep: 0, expired: [['c', 'x']] } })).toMatch(/session-expiry state that is not/);
    expect(badKvSnapshot({ kv: [], sessions: [], expiry: { time: 5, lastSweep: 0, expired: [['c', 4]] } })).toBeNull();
  });
});
