// CheckLeaderQuorum(i) — thesis §6.2 / §9.6, etcd/raft CheckQuorum: at each election timeout a leader that
// has not heard from a quorum since its last check steps down; either way the next period starts afresh.
import { produce } from 'immer';
import { isMajority, setAdd, type NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function checkLeaderQuorum(s: Server, i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.checkQuorum !== true || s.state !== 'Leader' || s.heardFrom === undefined) return null;
  const live = isMajority(c.servers, setAdd(s.heardFrom, i));
  return {
    state: produce(s, (d) => {
      if (!live) d.state = 'Follower';
      d.heardFrom = [];
    }),
    send: [],
  };
}
