// Snapshots in the node loop (in-memory network, real snapshot files): a follower cut off while the
// others compact catches up by InstallSnapshot; the WAL never follows a snapshot that is not yet on
// disk, and no message leaves before the durable state (snapshot included) it depends on.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Node } from '../../../src/runtime/node.ts';
import { SnapshotStore } from '../../../src/runtime/snapshot-store.ts';
import { raftProtocol, raftRuntime } from '../../../src/raft/index.ts';
import type { RaftAction, RaftMessage, Server } from '../../../src/raft/index.ts';

type RaftNode = Node<Server, RaftAction, RaftMessage>;
type OnDisk = { currentTerm: number; log: unknown[]; snapshot?: { index: number } };
const nodes: RaftNode[] = [];
let dir = '';
afterEach(async () => {
  for (const n of nodes.splice(0)) n.stop();
  await rm(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, p: () => boolean): Promise<void> {
  for (let k = 0; k < 6000 && !p(); k += 1) await wait(10);
  if (!p()) throw new Error(`timed out waiting for ${what}`);
}

describe('Node with snapshots (in-memory network)', () => {
  it('a follower cut off while the others compact catches up by InstallSnapshot; durable before every send', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nodesnap-'));
    const ids = ['s1', 's2', 's3'];
    const rt = raftRuntime(raftProtocol, ids);
    const byId = new Map<string, RaftNode>();
    const stores = new Map<string, SnapshotStore>();
    const disk = new Map<string, string>();
    const violations: string[] = [];
    let cut = 's3';
    for (const id of ids) {
      const { store } = await SnapshotStore.open(join(dir, id), { entries: 3, walBytes: 0 }, false);
      stores.set(id, store);
      const node: RaftNode = new Node({
        id,
        runtime: rt,
        recovered: null,
        snapshots: store,
        storage: {
          write: async (v) => {
            await wait(1);
            // The WAL's log may follow a snapshot only once that snapshot's file is written.
            const base = (v as OnDisk).snapshot?.index ?? 0;
            if (base > store.index) violations.push(`${id} wrote a WAL following snapshot ${base}, file has ${store.index}`);
            disk.set(id, JSON.stringify(v));
            return true;
          },
        },
        send: (m) => {
          if (!rt.early(m) && disk.get(id) !== JSON.stringify(rt.durable(node.state))) violations.push(`${id} sent ${m.type} before its state was durable`);
          if (m.source === cut || m.dest === cut) return;
          setTimeout(() => byId.get(m.dest)?.receive(m), Math.random() * 3);
        },
        log: (line) => {
          if (/failed/.test(line)) violations.push(`${id}: ${line}`);
        },
        timers: { electionMs: [80, 160], heartbeatMs: 15 },
        commandTimeoutMs: 3000,
      });
      byId.set(id, node);
      nodes.push(node);
    }
    for (const n of byId.values()) n.start();
    const leader = async () => {
      await until('a leader', () => [...byId.values()].some((n) => n.status().role === 'Leader' && n.status().id !== 's3'));
      return [...byId.values()].find((n) => n.status().role === 'Leader') as RaftNode;
    };
    for (let k = 0; k < 30; k += 1) {
      const o = await (await leader()).submit({ op: 'put', key: `k${k}`, value: k, client: 'c', seq: k + 1 });
      if (o.kind !== 'done') k -= 1; // a lost leadership: the same command again, its session applies it once
    }
    const l = await leader();
    await until('a snapshot on the leader', () => (l.status().snapshotIndex ?? 0) > 1);
    expect(byId.get('s3')?.status().applied).toBe(0);
    cut = '';
    const s3 = byId.get('s3') as RaftNode;
    await until('s3 caught up', () => s3.status().applied >= l.status().commitIndex && s3.status().keys === 30);
    expect(s3.snapshotter?.stats.installed).toBeGreaterThanOrEqual(1);
    expect(stores.get('s3')?.index).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  }, 120_000);
});
