// Broken HandleRequestVoteRequest: grants a vote without comparing logs.
import type { NodeId } from '../../core/index.ts';
import { replyVote } from '../handlers/handleRequestVoteRequest.ts';
import type { RaftConfig, RaftStep, RaftVariant, RequestVoteRequest, Server } from '../types.ts';

function handleRequestVoteRequest(s: Server, i: NodeId, j: NodeId, m: RequestVoteRequest, c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null;
  // BUG: no logOk conjunct.
  const grant = m.term === s.currentTerm && (s.votedFor === null || s.votedFor === j);
  return replyVote(s, i, j, grant, c);
}

export const voteWithoutLogCheck: RaftVariant = {
  name: 'vote-without-log-check',
  bug: 'a server grants its vote to a candidate whose log is less up-to-date than its own',
  source: 'Raft paper §5.4.1 (election restriction) and Figure 2, RequestVote receiver rule 2',
  replaces: { handleRequestVoteRequest },
};
