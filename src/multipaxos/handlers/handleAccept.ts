// HandleAccept(i, m) — Paxos Made Simple §2.2 Phase 2(b) in slot m.slot: accept unless a higher ballot was promised,
// and tell every replica (all are learners); otherwise Nack.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { Accept, MpConfig, MpMessage, MpStep, Replica } from '../types.ts';
import { at, ballotAbove, put, sameBallot, sameValue } from '../values.ts';

export function handleAccept(s: Replica, i: NodeId, m: Accept, c: MpConfig): MpStep | null {
  if (s.promised !== null && !sameBallot(m.bal, s.promised) && !ballotAbove(m.bal, s.promised)) {
    return { state: s, send: [{ type: 'Nack', source: i, dest: m.source, bal: m.bal, higher: s.promised }] };
  }
  const held = at(s.accepted, m.slot);
  // The same vote again (a leader's repeated Accept) leaves the state as it is, the very same object.
  const again = sameBallot(s.promised, m.bal) && held !== undefined && sameBallot(held.bal, m.bal) && sameValue(held.val, m.val);
  return {
    state: again ? s : produce(s, (d) => { d.promised = m.bal; d.accepted = put(s.accepted, { slot: m.slot, bal: m.bal, val: m.val }) as never; }),
    send: c.replicas.map((l): MpMessage => ({ type: 'Accepted', source: i, dest: l, bal: m.bal, slot: m.slot, val: m.val })),
  };
}
