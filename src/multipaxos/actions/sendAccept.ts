// SendAccept(i, j, slot) — Paxos Made Simple §2.2 Phase 2(a), per instance: the leader's proposal for a slot.
import type { NodeId } from '../../core/index.ts';
import type { Ballot, MpConfig, MpStep, Replica } from '../types.ts';
import { at } from '../values.ts';

export function sendAccept(s: Replica, i: NodeId, j: NodeId, slot: number, _c: MpConfig): MpStep | null {
  if (s.role !== 'Leader') return null;
  const x = at(s.proposals, slot);
  if (x === undefined) return null;
  return { state: s, send: [{ type: 'Accept', source: i, dest: j, bal: s.ballot as Ballot, slot, val: x.val }] };
}
