// HandlePromise(p, m) — Paxos Made Simple §2.2: p counts a promise for its current ballot in Phase 1; with promises
// from a quorum it enters Phase 2(a), proposing the value of the highest-numbered vote reported, or its own (P2c).
import { produce } from 'immer';
import { setAdd, type NodeId } from '../../core/index.ts';
import { higherVote, sameBallot } from '../ballot.ts';
import { hasQuorum } from '../quorum.ts';
import type { BpConfig, BpStep, Promise, Proposer } from '../types.ts';

export function handlePromise(s: Proposer, _p: NodeId, m: Promise, c: BpConfig): BpStep<Proposer> | null {
  // stale: not in Phase 1 of this ballot any more; the promise is discarded
  if (s.phase !== 'Phase1' || !sameBallot(s.ballot, m.bal)) return { state: s, send: [] };
  const promises = setAdd(s.promises, m.source);
  const highest = higherVote(s.highest, m.accepted);
  if (!hasQuorum(c, promises)) {
    // count
    return { state: produce(s, (d) => { d.promises = promises as string[]; d.highest = highest; }), send: [] };
  }
  // quorum: Phase 2 with the proposal fixed; the promises are no longer needed
  return {
    state: produce(s, (d) => {
      d.phase = 'Phase2';
      d.proposal = highest === null ? s.value : highest.val;
      d.promises = [];
      d.highest = null;
    }),
    send: [],
  };
}
