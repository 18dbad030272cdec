// BecomeCandidate(i, r) — the step shared by StartElection and HandleHandOff: i opens ballot (r, i) and Phase 1 for
// every slot from its first open one (Paxos Made Simple §3).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { Replica } from '../types.ts';
import { firstOpen } from '../values.ts';

export function becomeCandidate(s: Replica, i: NodeId, round: number): Replica {
  return produce(s, (d) => {
    d.ballot = { round, leader: i };
    d.role = 'Candidate';
    d.base = firstOpen(s.decided);
    d.promises = [];
    d.reported = [];
    d.proposals = [];
  });
}
