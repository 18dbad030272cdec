// An installed snapshot's KV maps are built in slices while its file is written (snapshot-kv.ts
// kvMaps), and the store takes them without copying, so installing it does not stall the event loop.
import { describe, expect, it } from 'vitest';
import { KvStore } from '../../../src/runtime/kv/kv.ts';
import { kvMaps, loadKv } from '../../../src/runtime/snapshot-kv.ts';
import type { KvSnapshotData } from '../../../src/runtime/snapshot-kv.ts';

const data: KvSnapshotData = {
  kv: Array.from({ length: 10_000 }, (_, k) => [`k${k}`, k] as const),
  sessions: [['c1', { seq: 2, digest: 'd', result: { ok: true }, last: 5 }]],
  expiry: { time: 5, lastSweep: 0, expired: [] },
};

describe('kvMaps', () => {
  it('builds the maps over several turns of the event loop', async () => {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const maps = await kvMaps(data);
    ticking = false;
    expect(turns).toBeGreaterThanOrEqual(2);
    expect([maps.kv.size, maps.kv.get('k9999'), maps.sessions.get('c1')?.seq]).toEqual([10_000, 9999, 2]);
  });

  it('a store loaded with them holds what loading the lists gives, and takes the maps as they are', async () => {
    const maps = await kvMaps(data);
    const a = new KvStore();
    const b = new KvStore();
    loadKv(a, data, maps);
    loadKv(b, data);
    for (const key of ['k0', 'k5000', 'k9999', 'none']) expect(a.apply({ op: 'get', key })).toEqual(b.apply({ op: 'get', key }));
    expect(a.apply({ op: 'put', key: 'x', value: 1, client: 'c1', seq: 2 })).toEqual(b.apply({ op: 'put', key: 'x', value: 1, client: 'c1', seq: 2 }));
    expect(a.size).toBe(10_000);
    a.apply({ op: 'put', key: 'k0', value: 'new' });
    expect(maps.kv.get('k0')).toBe('new'); // no copy was made
  });
});
