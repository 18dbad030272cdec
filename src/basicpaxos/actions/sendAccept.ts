// SendAccept(p, a) — Paxos Made Simple §2.2, Phase 2(a): p sends its accept request (ballot, proposal) to acceptor a.
import type { NodeId } from '../../core/index.ts';
import type { Ballot, BpConfig, BpStep, Proposer, Value } from '../types.ts';

export function sendAccept(s: Proposer, p: NodeId, a: NodeId, _c: BpConfig): BpStep<Proposer> | null {
  if (s.phase !== 'Phase2') return null; // phase[p] = "Phase2"
  return { state: s, send: [{ type: 'Accept', source: p, dest: a, bal: s.ballot as Ballot, val: s.proposal as Value }] };
}
