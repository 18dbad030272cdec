// HandlePrepare(a, m) — Paxos Made Simple §2.2, Phase 1(b): promise unless a higher ballot was promised (P1a),
// reporting the highest-numbered proposal accepted; otherwise tell the proposer the higher ballot (Nack).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { ballotAtLeast } from '../ballot.ts';
import type { Acceptor, BpConfig, BpStep, Prepare } from '../types.ts';

export function handlePrepare(s: Acceptor, a: NodeId, m: Prepare, _c: BpConfig): BpStep<Acceptor> | null {
  if (s.promised !== null && !ballotAtLeast(m.bal, s.promised)) {
    // reject: a higher ballot was promised
    return { state: s, send: [{ type: 'Nack', source: a, dest: m.source, bal: m.bal, higher: s.promised }] };
  }
  // promise (again, for a duplicate of the promised ballot)
  return {
    state: produce(s, (d) => { d.promised = m.bal; }),
    send: [{ type: 'Promise', source: a, dest: m.source, bal: m.bal, accepted: s.accepted }],
  };
}
