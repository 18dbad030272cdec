// StartElection(i) — i tries to become the distinguished proposer (Paxos Made Simple §3): a new ballot, and Phase 1
// for every slot from the first one it has not seen decided.
import type { NodeId } from '../../core/index.ts';
import type { MpConfig, MpStep, Replica } from '../types.ts';
import { becomeCandidate } from './becomeCandidate.ts';

export function startElection(s: Replica, i: NodeId, c: MpConfig): MpStep | null {
  if (!c.candidates.includes(i)) return null; // i \in Candidates
  if (s.role === 'Leader') return null; // a leader keeps its ballot until it hears a higher one
  return { state: becomeCandidate(s, i, s.ballot === null ? 0 : s.ballot.round + 1), send: [] };
}
