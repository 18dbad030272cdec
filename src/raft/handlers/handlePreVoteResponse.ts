// HandlePreVoteResponse(i, j, m) — thesis §9.6: a pre-candidate tallies an answer for its next term;
// any other (stale) answer is dropped.
import { castDraft, produce } from 'immer';
import { setAdd, type NodeId } from '../../core/index.ts';
import type { PreVoteResponse, RaftConfig, RaftStep, Server } from '../types.ts';

export function handlePreVoteResponse(s: Server, _i: NodeId, j: NodeId, m: PreVoteResponse, _c: RaftConfig): RaftStep | null {
  if (s.state !== 'PreCandidate' || m.term !== s.currentTerm + 1) return { state: s, send: [] };
  return {
    state: produce(s, (d) => {
      d.votesResponded = castDraft(setAdd(s.votesResponded, j));
      if (m.voteGranted) d.votesGranted = castDraft(setAdd(s.votesGranted, j));
    }),
    send: [],
  };
}
