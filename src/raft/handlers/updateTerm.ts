// UpdateTerm(i, j, m) — raft.tla; Raft Fig. 2 All Servers: a message with a higher term makes i a
// follower of that term, which knows no leader yet. The message stays in flight (keep) and is handled by a
// later step. A pre-vote message changes no term, nor does a RequestVote inside a leader's lease (thesis §9.6).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { isVoter } from '../membership.ts';
import type { RaftConfig, RaftMessage, RaftStep, Server } from '../types.ts';

/** Spec `InLease(i)`: with CheckQuorum, i leads or heard from its leader since its last timeout (thesis §9.6). */
export function inLease(s: Server, c: RaftConfig): boolean {
  return c.checkQuorum === true && (s.state === 'Leader' || s.heardFromLeader === true);
}

/** Spec `IgnoresVote(i, j)`: a RequestVote of a higher term is dropped in a lease, or from a server not a voter of i's configuration (§6: removed servers do not disrupt). */
export function ignoresVote(s: Server, j: NodeId, c: RaftConfig): boolean {
  return inLease(s, c) || !isVoter(s, c, j);
}

export function updateTerm(s: Server, _i: NodeId, _j: NodeId, m: RaftMessage, c: RaftConfig): RaftStep | null {
  if (m.term <= s.currentTerm || m.type === 'PreVoteRequest' || m.type === 'PreVoteResponse') return null;
  if (m.type === 'RequestVoteRequest' && ignoresVote(s, m.source, c)) return null; // ignored, not obeyed
  return {
    state: produce(s, (d) => {
      d.currentTerm = m.term;
      d.state = 'Follower';
      d.votedFor = null;
      if (d.heardFromLeader !== undefined) d.heardFromLeader = false;
    }),
    send: [],
    keep: true,
  };
}
