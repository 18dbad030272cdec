// Broken ApplyCommitted with session expiry: each replica expires sessions by its own clock when it
// applies an entry, not by the time the entry carries, so replicas disagree on which sessions expired.
import type { NodeId } from '../../core/index.ts';
import { lastIndex, valueAt } from '../log.ts';
import { applyAt } from '../sessionExpiry.ts';
import type { Command, RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function applyCommitted(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.sessions === undefined) return null;
  const sm = s.sm;
  if (sm === undefined || sm.lastApplied >= Math.min(s.commitIndex, lastIndex(s))) return null;
  const k = sm.lastApplied + 1;
  // BUG: the applying server's own clock, not the entry's time.
  return { state: applyAt(s, k, (valueAt(s, k) as { v: Command }).v, s.clock ?? 0, c), send: [] };
}

export const expireByLocalTime: RaftVariant = {
  name: 'expire-by-local-time',
  bug: "sessions expire by each replica's own clock when it applies an entry, not by the leader's time the entry carries: replicas disagree on which sessions expired",
  source: 'Raft thesis §6.3 (expiring sessions must be deterministic)',
  replaces: { applyCommitted },
};
