// Timeout(i) — raft.tla; Raft §5.2 / Fig. 2 Followers & Candidates: no word from a leader, start an
// election; with PreVote (thesis §9.6) first a pre-vote, the term unchanged.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { isVoter } from '../membership.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function timeout(s: Server, i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state === 'Leader') return null; // state[i] /= Leader
  if (!isVoter(s, c, i)) return null; // learners and removed servers are never candidates (§6)
  if (c.preVote !== true) return { state: electionStarted(s), send: [] };
  return {
    state: produce(s, (d) => {
      d.state = 'PreCandidate';
      d.votesResponded = [];
      d.votesGranted = [];
      d.heardFromLeader = false;
    }),
    send: [],
  };
}

/** raft.tla's Timeout effect: a candidate of the next term, no vote yet; it forgets any leader heard from. */
export function electionStarted(s: Server): Server {
  return produce(s, (d) => {
    d.state = 'Candidate';
    d.currentTerm += 1;
    // As raft.tla: no vote for itself here; it asks itself with RequestVote(i, i) like any peer.
    d.votedFor = null;
    d.votesResponded = [];
    d.votesGranted = [];
    if (d.heardFromLeader !== undefined) d.heardFromLeader = false;
  });
}
