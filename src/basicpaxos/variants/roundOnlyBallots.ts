// Broken: the ballot is the round alone, so two proposers can open the same ballot.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { retry } from '../actions/retry.ts';
import { handleNack as correctNack } from '../handlers/handleNack.ts';
import type { BpConfig, BpStep, BpVariant, Nack, Proposer } from '../types.ts';

// BUG: every proposer's ballot of round r is the same ballot (no proposer id in it).
function timeout(s: Proposer, _p: NodeId, _c: BpConfig): BpStep<Proposer> | null {
  const round = s.ballot === null ? 0 : s.ballot.round + 1;
  return { state: produce(s, (d) => retry(d, { round, proposer: '' })), send: [] };
}

function handleNack(s: Proposer, p: NodeId, m: Nack, c: BpConfig): BpStep<Proposer> | null {
  const r = correctNack(s, p, m, c);
  if (r === null || r.state.ballot === null || r.state === s) return r;
  const round = r.state.ballot.round;
  return { state: produce(r.state, (d) => { d.ballot = { round, proposer: '' }; }), send: r.send };
}

export const roundOnlyBallots: BpVariant = {
  name: 'round-only-ballots',
  bug: 'the ballot is the round alone, so two proposers can share one ballot',
  source: 'Paxos Made Simple §2.2: different proposers choose their numbers from disjoint sets',
  replaces: { timeout, handleNack },
};
