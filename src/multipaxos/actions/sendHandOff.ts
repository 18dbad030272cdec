// SendHandOff(i, j) — Paxos Made Simple §3 (any proposer may start phase 1): before a planned stop, leader i asks
// candidate j to run Phase 1 at once instead of waiting for its election timeout.
import type { NodeId } from '../../core/index.ts';
import type { Ballot, MpConfig, MpStep, Replica } from '../types.ts';

export function sendHandOff(s: Replica, i: NodeId, j: NodeId, c: MpConfig): MpStep | null {
  if (!c.handOff) return null; // HandOffEnabled
  if (s.role !== 'Leader') return null;
  if (j === i || !c.candidates.includes(j)) return null;
  return { state: s, send: [{ type: 'HandOff', source: i, dest: j, bal: s.ballot as Ballot }] };
}
