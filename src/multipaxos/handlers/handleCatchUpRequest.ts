// HandleCatchUpRequest(i, m) — Paxos Made Simple §2.3: a learner that knows values chosen from slot m.from on
// tells the learner that asked; with none, the request is dropped.
import type { NodeId } from '../../core/index.ts';
import type { CatchUpRequest, MpConfig, MpStep, Replica } from '../types.ts';

export function handleCatchUpRequest(s: Replica, i: NodeId, m: CatchUpRequest, _c: MpConfig): MpStep | null {
  const decided = s.decided.filter((x) => x.slot >= m.from);
  if (decided.length === 0) return { state: s, send: [] }; // nothing to tell
  return { state: s, send: [{ type: 'CatchUpReply', source: i, dest: m.source, decided }] };
}
