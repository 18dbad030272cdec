// HandleAccept(a, m) — Paxos Made Simple §2.2, Phase 2(b): accept unless a higher ballot was promised (P1a), and
// tell the learners (§2.3); otherwise Nack with the higher ballot.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { ballotAtLeast } from '../ballot.ts';
import type { Accept, Acceptor, BpConfig, BpMessage, BpStep } from '../types.ts';

export function handleAccept(s: Acceptor, a: NodeId, m: Accept, c: BpConfig): BpStep<Acceptor> | null {
  if (s.promised !== null && !ballotAtLeast(m.bal, s.promised)) {
    // reject: a higher ballot was promised
    return { state: s, send: [{ type: 'Nack', source: a, dest: m.source, bal: m.bal, higher: s.promised }] };
  }
  // accept
  return {
    state: produce(s, (d) => {
      d.promised = m.bal;
      d.accepted = { bal: m.bal, val: m.val };
    }),
    send: c.learners.map((l): BpMessage => ({ type: 'Accepted', source: a, dest: l, bal: m.bal, val: m.val })),
  };
}
