// Timeout(i) — raft.tla; Raft §5.2 / Fig. 2 Followers & Candidates: no word from a leader, start an election.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function timeout(s: Server, _i: NodeId, _c: RaftConfig): RaftStep | null {
  if (s.state === 'Leader') return null; // state[i] \in {Follower, Candidate}
  return {
    state: produce(s, (d) => {
      d.state = 'Candidate';
      d.currentTerm += 1;
      // As raft.tla: no vote for itself here; it asks itself with RequestVote(i, i) like any peer.
      d.votedFor = null;
      d.votesResponded = [];
      d.votesGranted = [];
    }),
    send: [],
  };
}
