// RemoveLearner(i, j) — spec/RaftMembership.tla; thesis §4.2.1: leader i, its last change committed,
// appends a configuration without the learner j. The voters stay, so no quorum changes: no joint phase.
import type { NodeId } from '../../core/index.ts';
import { configCommitted, configOf, isJoint, numConfigs } from '../membership.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';
import { appendConfig } from './proposeConfig.ts';

export function removeLearner(s: Server, _i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  const m = c.membership;
  if (m === undefined || s.state !== 'Leader') return null;
  if (!configCommitted(s, c) || numConfigs(s.log) >= m.maxChanges) return null; // one change at a time, MaxConfigChanges
  const x = configOf(s, c);
  if (isJoint(x) || !x.learners.includes(j)) return null;
  return appendConfig(s, { voters: x.voters, old: x.voters, learners: x.learners.filter((k) => k !== j) });
}
