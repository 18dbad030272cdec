// BecomeLeader(i) — raft.tla; Raft Fig. 2 Candidates: votes from a majority of servers, become leader.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { perServer } from '../init.ts';
import { lastIndex } from '../log.ts';
import { isQuorum } from '../membership.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function becomeLeader(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Candidate') return null;
  if (!isQuorum(s, c, s.votesGranted)) return null; // votesGranted[i] \in Quorum (of i's configuration, §6)
  return {
    state: produce(s, (d) => {
      d.state = 'Leader';
      d.nextIndex = perServer(c, lastIndex(s) + 1);
      d.matchIndex = perServer(c, 0);
      if (d.heardFrom !== undefined) d.heardFrom = []; // CheckQuorum: a fresh period
    }),
    send: [],
  };
}
