// HandleHandOff(i, m) — a candidate asked by the leader to take over starts Phase 1 in a ballot above the leader's
// (Paxos Made Simple §3); a leader, or a replica that may not lead, drops the request.
import type { NodeId } from '../../core/index.ts';
import { becomeCandidate } from '../actions/becomeCandidate.ts';
import type { HandOff, MpConfig, MpStep, Replica } from '../types.ts';
import { ballotAbove } from '../values.ts';

export function handleHandOff(s: Replica, i: NodeId, m: HandOff, c: MpConfig): MpStep | null {
  if (!c.candidates.includes(i) || s.role === 'Leader') return { state: s, send: [] }; // cannot take over
  // i's smallest ballot above both the leader's and its own
  const above = m.bal.round + (ballotAbove({ round: m.bal.round, leader: i }, m.bal) ? 0 : 1);
  return { state: becomeCandidate(s, i, s.ballot === null ? above : Math.max(above, s.ballot.round + 1)), send: [] };
}
