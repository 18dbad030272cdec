// SendPrepare(i, j) — Paxos Made Simple §3: one prepare request for all instances from `base` on.
import type { NodeId } from '../../core/index.ts';
import type { Ballot, MpConfig, MpStep, Replica } from '../types.ts';

export function sendPrepare(s: Replica, i: NodeId, j: NodeId, _c: MpConfig): MpStep | null {
  if (s.role !== 'Candidate') return null;
  if (s.promises.includes(j)) return null;
  return { state: s, send: [{ type: 'Prepare', source: i, dest: j, bal: s.ballot as Ballot, from: s.base }] };
}
