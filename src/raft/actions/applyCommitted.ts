// ApplyCommitted(i) — Raft thesis §6.3 (client sessions): server i applies its next committed entry. A
// command whose sequence number its client's session has already reached is a duplicate: answered
// from the session table, not applied again. Only with Sessions.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { entryAt, lastIndex, valueAt } from '../log.ts';
import { applyAt, entryTime } from '../sessionExpiry.ts';
import type { Command, RaftConfig, RaftStep, Server } from '../types.ts';

export function applyCommitted(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.sessions === undefined) return null;
  const sm = s.sm;
  if (sm === undefined || sm.lastApplied >= Math.min(s.commitIndex, lastIndex(s))) return null;
  const k = sm.lastApplied + 1;
  const x = (valueAt(s, k) as { v: Command }).v;
  // Thesis §6.3: with expiry, the entry's time (the leader's clock) decides which sessions expire.
  if (c.sessions.expiry !== undefined) return { state: applyAt(s, k, x, entryTime(entryAt(s, k)), c), send: [] };
  const session = sm.sessions[x.client];
  if (session !== undefined && x.seq <= session.seq) {
    return { state: produce(s, (d) => { (d.sm as { lastApplied: number }).lastApplied = k; }), send: [] };
  }
  return { state: applyNew(s, k, x), send: [] };
}

/** Applies command x (entry k): appended to the state, its response (its position) cached in the session table. */
export function applyNew(s: Server, k: number, x: Command): Server {
  return produce(s, (d) => {
    const sm = d.sm as NonNullable<typeof d.sm>;
    sm.lastApplied = k;
    sm.applied.push(x);
    sm.sessions[x.client] = { seq: x.seq, response: sm.applied.length };
  });
}
