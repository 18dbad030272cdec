// Broken: a proposer proposes its own value even when a promise reported an accepted one (P2c ignored).
import { produce } from 'immer';
import { setAdd, type NodeId } from '../../core/index.ts';
import { handlePromise as correct } from '../handlers/handlePromise.ts';
import { hasQuorum } from '../quorum.ts';
import type { BpConfig, BpStep, BpVariant, Promise, Proposer } from '../types.ts';

function handlePromise(s: Proposer, p: NodeId, m: Promise, c: BpConfig): BpStep<Proposer> | null {
  const r = correct(s, p, m, c);
  if (r === null || r.state.phase !== 'Phase2' || !hasQuorum(c, setAdd(s.promises, m.source))) return r;
  // BUG: the proposal is the proposer's own value, whatever the promises reported.
  return { state: produce(r.state, (d) => { d.proposal = s.value; }), send: r.send };
}

export const ignoreReportedVote: BpVariant = {
  name: 'ignore-reported-vote',
  bug: 'a proposer proposes its own value despite a vote reported in a promise',
  source: 'Paxos Made Simple §2.2, P2c: propose the value of the highest-numbered proposal reported',
  replaces: { handlePromise },
};
