// HandleTimeoutNowRequest(i, j, m) — Raft thesis §3.10: the leader of i's term asks i to start an
// election at once, with Timeout(i)'s effect; a request of an older term is dropped.
import type { NodeId } from '../../core/index.ts';
import { electionStarted } from '../actions/timeout.ts';
import type { RaftConfig, RaftStep, Server, TimeoutNowRequest } from '../types.ts';

export function handleTimeoutNowRequest(s: Server, _i: NodeId, _j: NodeId, m: TimeoutNowRequest, _c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null; // UpdateTerm first
  if (m.term < s.currentTerm) return { state: s, send: [] };
  if (s.state === 'Leader') return null; // never the case: the sender leads this term
  return { state: electionStarted(s), send: [] }; // no pre-vote: the leader asked (thesis §9.6)
}
