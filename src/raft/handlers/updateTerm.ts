// UpdateTerm(i, j, m) — raft.tla; Raft Fig. 2 All Servers: a message with a higher term makes i a
// follower of that term. The message stays in flight (keep) and is handled by a later step.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftMessage, RaftStep, Server } from '../types.ts';

export function updateTerm(s: Server, _i: NodeId, _j: NodeId, m: RaftMessage, _c: RaftConfig): RaftStep | null {
  if (m.term <= s.currentTerm) return null;
  return {
    state: produce(s, (d) => {
      d.currentTerm = m.term;
      d.state = 'Follower';
      d.votedFor = null;
    }),
    send: [],
    keep: true,
  };
}
