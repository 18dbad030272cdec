// StepDownRemoved(i) — spec/RaftMembership.tla; Raft §6: a leader that is not a voter of its
// configuration steps down once that configuration is committed (until then it leads, uncounted).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { configCommitted, isVoter } from '../membership.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function stepDownRemoved(s: Server, i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.membership === undefined || s.state !== 'Leader') return null;
  if (isVoter(s, c, i) || !configCommitted(s, c)) return null;
  return { state: produce(s, (d) => { d.state = 'Follower'; }), send: [] };
}
