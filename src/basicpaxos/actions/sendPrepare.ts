// SendPrepare(p, a) — Paxos Made Simple §2.2, Phase 1(a): p sends a prepare request with its ballot to acceptor a.
import type { NodeId } from '../../core/index.ts';
import type { Ballot, BpConfig, BpStep, Proposer } from '../types.ts';

export function sendPrepare(s: Proposer, p: NodeId, a: NodeId, _c: BpConfig): BpStep<Proposer> | null {
  if (s.phase !== 'Phase1') return null; // phase[p] = "Phase1"
  if (s.promises.includes(a)) return null; // a \notin promises[p]
  return { state: s, send: [{ type: 'Prepare', source: p, dest: a, bal: s.ballot as Ballot }] };
}
