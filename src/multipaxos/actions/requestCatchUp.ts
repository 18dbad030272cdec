// RequestCatchUp(i, j) — Paxos Made Simple §2.3: a learner that sees a gap in what it learned (a slot decided
// after one it missed) asks another learner for the values chosen from its first open slot on.
import type { NodeId } from '../../core/index.ts';
import type { MpConfig, MpStep, Replica } from '../types.ts';
import { firstOpen } from '../values.ts';

export function requestCatchUp(s: Replica, i: NodeId, j: NodeId, _c: MpConfig): MpStep | null {
  if (j === i) return null;
  const from = firstOpen(s.decided);
  if ((s.decided[s.decided.length - 1]?.slot ?? 0) <= from) return null; // a gap: a decided slot after the first open one
  return { state: s, send: [{ type: 'CatchUpRequest', source: i, dest: j, from }] };
}
