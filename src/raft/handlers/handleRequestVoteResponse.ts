// HandleRequestVoteResponse(i, j, m) — raft.tla; Raft Fig. 2 Candidates: tally responses of currentTerm.
import { castDraft, produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { setAdd } from '../../core/index.ts';
import type { RaftConfig, RaftStep, RequestVoteResponse, Server } from '../types.ts';

export function handleRequestVoteResponse(s: Server, _i: NodeId, j: NodeId, m: RequestVoteResponse, _c: RaftConfig): RaftStep | null {
  if (m.term !== s.currentTerm) return null;
  if (s.state === 'PreCandidate') return { state: s, send: [] }; // its tally counts pre-votes now (thesis §9.6)
  // As raft.tla: tallied in any state; only a Candidate reads the tally.
  return {
    state: produce(s, (d) => {
      d.votesResponded = castDraft(setAdd(s.votesResponded, j));
      if (m.voteGranted) d.votesGranted = castDraft(setAdd(s.votesGranted, j));
    }),
    send: [],
  };
}
