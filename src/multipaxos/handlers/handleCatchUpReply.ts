// HandleCatchUpReply(i, m) — Paxos Made Simple §2.3: i learns the chosen values it had not decided yet; a slot it
// decided keeps its value.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { CatchUpReply, MpConfig, MpStep, Replica } from '../types.ts';
import { at, bySlot } from '../values.ts';

export function handleCatchUpReply(s: Replica, _i: NodeId, m: CatchUpReply, _c: MpConfig): MpStep | null {
  const fresh = m.decided.filter((x, k) => at(s.decided, x.slot) === undefined && m.decided.findIndex((y) => y.slot === x.slot) === k);
  if (fresh.length === 0) return { state: s, send: [] }; // nothing new
  return { state: produce(s, (d) => { d.decided = bySlot([...s.decided, ...fresh]) as never; }), send: [] };
}
