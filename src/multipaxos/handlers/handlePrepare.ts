// HandlePrepare(i, m) — Paxos Made Simple §2.2 Phase 1(b) for all slots from m.from on: promise and report every
// vote in those slots, or Nack with the higher ballot.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { MpConfig, MpStep, Prepare, Replica } from '../types.ts';
import { ballotAbove, sameBallot } from '../values.ts';

export function handlePrepare(s: Replica, i: NodeId, m: Prepare, _c: MpConfig): MpStep | null {
  if (s.promised !== null && !sameBallot(m.bal, s.promised) && !ballotAbove(m.bal, s.promised)) {
    return { state: s, send: [{ type: 'Nack', source: i, dest: m.source, bal: m.bal, higher: s.promised }] };
  }
  return {
    state: produce(s, (d) => { d.promised = m.bal; }),
    send: [{ type: 'Promise', source: i, dest: m.source, bal: m.bal, accepted: s.accepted.filter((x) => x.slot >= m.from) }],
  };
}
