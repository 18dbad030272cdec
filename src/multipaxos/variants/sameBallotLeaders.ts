// Broken: ballots are rounds alone, so two replicas can lead with the same ballot.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { startElection as correct } from '../actions/startElection.ts';
import type { MpConfig, MpStep, MpVariant, Replica } from '../types.ts';

function startElection(s: Replica, i: NodeId, c: MpConfig): MpStep | null {
  const r = correct(s, i, c);
  if (r === null || r.state.ballot === null) return r;
  const round = r.state.ballot.round;
  // BUG: no leader id in the ballot.
  return { state: produce(r.state, (d) => { d.ballot = { round, leader: '' }; }), send: r.send };
}

export const sameBallotLeaders: MpVariant = {
  name: 'same-ballot-leaders',
  bug: 'two leaders can hold the same ballot (the ballot is the round alone)',
  source: 'Paxos Made Simple §2.2: different proposers choose their numbers from disjoint sets',
  replaces: { startElection },
};
