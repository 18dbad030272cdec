// HandleRequestVoteRequest(i, j, m) — raft.tla; Raft Fig. 2 RequestVote RPC, receiver rules 1-2 (§5.2, §5.4.1).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { upToDateWith } from '../log.ts';
import { ignoresVote } from './updateTerm.ts';
import type { RaftConfig, RaftStep, RequestVoteRequest, RequestVoteResponse, Server } from '../types.ts';

export function handleRequestVoteRequest(s: Server, i: NodeId, j: NodeId, m: RequestVoteRequest, c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return ignoresVote(s, j, c) ? { state: s, send: [] } : null; // ignored in a lease or from a non-voter, else UpdateTerm first
  const logOk = upToDateWith(m.lastLogTerm, m.lastLogIndex, s);
  const grant = m.term === s.currentTerm && logOk && (s.votedFor === null || s.votedFor === j);
  return replyVote(s, i, j, grant, c);
}

/** The effect shared with the variant that drops the log check: record the vote, reply. */
export function replyVote(s: Server, i: NodeId, j: NodeId, grant: boolean, c: RaftConfig): RaftStep {
  const r: RequestVoteResponse = { type: 'RequestVoteResponse', term: s.currentTerm, voteGranted: grant, source: i, dest: j };
  return {
    state: grant ? produce(s, (d) => { d.votedFor = j; }) : s,
    send: [c.historyFields ? { ...r, log: s.log } : r],
  };
}
