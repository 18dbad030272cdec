// Broken: a new leader ignores the votes reported in Phase 1 and starts its log empty.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { handlePromise as correct } from '../handlers/handlePromise.ts';
import type { MpConfig, MpStep, MpVariant, Promise, Replica } from '../types.ts';

function handlePromise(s: Replica, i: NodeId, m: Promise, c: MpConfig): MpStep | null {
  const r = correct(s, i, m, c);
  if (r === null || r.state.role !== 'Leader' || s.role === 'Leader') return r;
  // BUG: no re-proposal of accepted values; new commands go into slots that may already be chosen.
  return { state: produce(r.state, (d) => { d.proposals = []; }), send: r.send };
}

export const skipReproposal: MpVariant = {
  name: 'skip-reproposal',
  bug: 'a new leader does not re-propose the values accepted in open slots',
  source: 'Paxos Made Simple §3: the new leader executes phase 1 and must propose the reported values (P2c)',
  replaces: { handlePromise },
};
