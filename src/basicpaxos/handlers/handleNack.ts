// HandleNack(p, m) — an acceptor promised a higher ballot: p retries with a round above it (Paxos Made Simple §3,
// "a proposer ... should abandon its proposal" when it learns of a higher number).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { retry } from '../actions/retry.ts';
import { sameBallot } from '../ballot.ts';
import type { BpConfig, BpStep, Nack, Proposer } from '../types.ts';

export function handleNack(s: Proposer, p: NodeId, m: Nack, _c: BpConfig): BpStep<Proposer> | null {
  // stale: for a ballot p has left, or p restarted; the Nack is discarded
  if (s.phase === 'Idle' || !sameBallot(s.ballot, m.bal)) return { state: s, send: [] };
  const round = Math.max(m.bal.round, m.higher.round) + 1;
  return { state: produce(s, (d) => retry(d, { round, proposer: p })), send: [] };
}
