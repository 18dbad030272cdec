// Broken: after a leader change the new leader skips Phase 1 and proposes at once.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { startElection as correct } from '../actions/startElection.ts';
import type { MpConfig, MpStep, MpVariant, Replica } from '../types.ts';

function startElection(s: Replica, i: NodeId, c: MpConfig): MpStep | null {
  const r = correct(s, i, c);
  if (r === null) return r;
  // BUG: leader at once, with no promises and no reported votes.
  return { state: produce(r.state, (d) => { d.role = 'Leader'; }), send: r.send };
}

export const skipPhase1: MpVariant = {
  name: 'skip-phase1',
  bug: 'a leader skips Phase 1 after a leader change',
  source: 'Paxos Made Simple §3: only a leader that completed phase 1 for all instances may skip it',
  replaces: { startElection },
};
