// RequestVote(i, j) — raft.tla; Raft Fig. 2 Candidates: send RequestVote RPCs to all servers (j may be i);
// a pre-candidate (thesis §9.6) sends a PreVoteRequest for its next term instead.
import type { NodeId } from '../../core/index.ts';
import { lastIndex, lastTermOf } from '../log.ts';
import { isVoter } from '../membership.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function requestVote(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Candidate' && s.state !== 'PreCandidate') return null;
  if (!isVoter(s, c, j)) return null; // the voters of its configuration (§6)
  if (s.votesResponded.includes(j)) return null;
  const last = { lastLogTerm: lastTermOf(s), lastLogIndex: lastIndex(s), source: i, dest: j };
  return {
    state: s,
    send: [s.state === 'Candidate' ? { type: 'RequestVoteRequest', term: s.currentTerm, ...last } : { type: 'PreVoteRequest', term: s.currentTerm + 1, ...last }],
  };
}
