// HandlePreVoteRequest(i, j, m) — thesis §9.6: i grants a pre-vote for m.term if the candidate's log is
// at least as up-to-date as its own and i has heard from no leader since its last timeout (nor leads);
// nothing of i changes, and the reply carries m.term.
import type { NodeId } from '../../core/index.ts';
import { upToDateWith } from '../log.ts';
import type { PreVoteRequest, RaftConfig, RaftStep, Server } from '../types.ts';

export function handlePreVoteRequest(s: Server, i: NodeId, j: NodeId, m: PreVoteRequest, _c: RaftConfig): RaftStep | null {
  const grant = m.term > s.currentTerm && upToDateWith(m.lastLogTerm, m.lastLogIndex, s) && s.state !== 'Leader' && s.heardFromLeader !== true;
  return { state: s, send: [{ type: 'PreVoteResponse', term: m.term, voteGranted: grant, source: i, dest: j }] };
}
