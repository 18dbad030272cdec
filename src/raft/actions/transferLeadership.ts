// TransferLeadership(i, j) — Raft thesis §3.10 (leadership transfer): leader i, once server j's log
// matches its own, sends j a TimeoutNowRequest. In Next only with LeadershipTransfer (not in raft.tla).
import type { NodeId } from '../../core/index.ts';
import { lastIndex } from '../log.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function transferLeadership(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  if (c.leadershipTransfer !== true) return null;
  if (i === j) return null;
  if (s.state !== 'Leader') return null;
  if ((s.matchIndex[j] ?? 0) !== lastIndex(s)) return null; // the target is caught up
  return { state: s, send: [{ type: 'TimeoutNowRequest', term: s.currentTerm, source: i, dest: j }] };
}
