// Timeout(p) — p opens a new ballot: its first one, or a retry when it heard no outcome (Paxos Made Simple §2.2:
// "a proposer can make multiple proposals"; Phase 1(a) picks a new number n).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { BpConfig, BpStep, Proposer } from '../types.ts';
import { retry } from './retry.ts';

export function timeout(s: Proposer, p: NodeId, _c: BpConfig): BpStep<Proposer> | null {
  const round = s.ballot === null ? 0 : s.ballot.round + 1;
  return { state: produce(s, (d) => retry(d, { round, proposer: p })), send: [] };
}
