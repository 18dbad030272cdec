// A follower that is receiving a snapshot in chunks does not start an election (node.ts `alive`): the
// chunks come from a leader, also one it does not know yet, e.g. after a restart, when no AppendEntries
// reaches it (the leader has compacted the entries it needs) and the snapshot takes longer than an
// election timeout to arrive.
import { afterEach, describe, expect, it } from 'vitest';
import { Node } from '../../../src/runtime/node.ts';
import { MemoryStorage } from '../../../src/runtime/in-process.ts';
import { raftProtocol, raftRuntime } from '../../../src/raft/index.ts';
import type { RaftAction, RaftMessage, Server } from '../../../src/raft/index.ts';

const nodes: Node<Server, RaftAction, RaftMessage>[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(() => {
  for (const t of timers.splice(0)) clearInterval(t);
  for (const n of nodes.splice(0)) n.stop();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function follower(): Node<Server, RaftAction, RaftMessage> {
  const n = new Node({
    id: 's2',
    runtime: raftRuntime(raftProtocol, ['s1', 's2', 's3']),
    recovered: null,
    storage: new MemoryStorage(),
    send: () => {},
    log: () => {},
    timers: { electionMs: [150, 250], heartbeatMs: 20 },
  });
  nodes.push(n);
  return n;
}

describe('Node.alive (a snapshot chunk arrived)', () => {
  it('a follower that knows no leader yet does not time out while chunks keep arriving', async () => {
    const n = follower();
    const term = n.status().term;
    n.start();
    timers.push(setInterval(() => n.alive('s1'), 30));
    await wait(1500);
    expect(n.status()).toMatchObject({ role: 'Follower', term, leader: null });
  }, 30_000);

  it('without chunks the same follower times out (the control)', async () => {
    const n = follower();
    const term = n.status().term;
    n.start();
    for (let k = 0; k < 300 && n.status().term === term; k += 1) await wait(10);
    expect(n.status()).toMatchObject({ role: 'Candidate', term: term + 1 });
  }, 30_000);
});
