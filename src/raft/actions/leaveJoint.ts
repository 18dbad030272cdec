// LeaveJoint(i) — spec/RaftMembership.tla; Raft §6: once C_old,new is committed, the leader appends C_new.
import type { NodeId } from '../../core/index.ts';
import { configCommitted, configOf, isJoint } from '../membership.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';
import { appendConfig } from './proposeConfig.ts';

export function leaveJoint(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.membership === undefined || s.state !== 'Leader') return null;
  const x = configOf(s, c);
  if (!isJoint(x) || !configCommitted(s, c)) return null;
  return appendConfig(s, { voters: x.voters, old: x.voters, learners: x.learners });
}
