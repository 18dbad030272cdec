// RequestVote(i, j) — raft.tla; Raft Fig. 2 Candidates: send RequestVote RPCs to all servers (j may be i).
import type { NodeId } from '../../core/index.ts';
import { lastIndex, lastTermOf } from '../log.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function requestVote(s: Server, i: NodeId, j: NodeId, _c: RaftConfig): RaftStep | null {
  if (s.state !== 'Candidate') return null;
  if (s.votesResponded.includes(j)) return null;
  return {
    state: s,
    send: [{ type: 'RequestVoteRequest', term: s.currentTerm, lastLogTerm: lastTermOf(s), lastLogIndex: lastIndex(s), source: i, dest: j }],
  };
}
