// Broken ProposeConfig (joint mode): C_new is appended at once, with no C_old,new in between.
import type { NodeId } from '../../core/index.ts';
import { appendConfig, requestable } from '../actions/proposeConfig.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function proposeConfig(s: Server, i: NodeId, v: readonly NodeId[], c: RaftConfig): RaftStep | null {
  const x = requestable(s, i, v, c);
  if (x === null) return null;
  // BUG: C_old -> C_new directly; a majority of C_old and one of C_new may be disjoint.
  return appendConfig(s, { voters: v, old: v, learners: x.learners.filter((j) => !v.includes(j)) });
}

export const noJointPhase: RaftVariant = {
  name: 'no-joint-phase',
  bug: 'the leader switches straight from C_old to C_new (no joint configuration C_old,new): two leaders in one term',
  source: 'Raft paper §6 and Figure 10',
  replaces: { proposeConfig },
};
