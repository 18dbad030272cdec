// HandleTimeoutNowRequest(i, j, m) — Raft thesis §3.10: the leader of i's term asks i to start an
// election at once, with Timeout(i)'s effect; a request of an older term is dropped.
import type { NodeId } from '../../core/index.ts';
import { timeout } from '../actions/timeout.ts';
import type { RaftConfig, RaftStep, Server, TimeoutNowRequest } from '../types.ts';

export function handleTimeoutNowRequest(s: Server, i: NodeId, _j: NodeId, m: TimeoutNowRequest, c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null; // UpdateTerm first
  if (m.term < s.currentTerm) return { state: s, send: [] };
  return timeout(s, i, c); // null at a leader: never the case, the sender leads this term
}
