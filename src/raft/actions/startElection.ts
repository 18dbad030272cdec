// StartElection(i) — thesis §9.6 (etcd/raft campaign after pre-vote): a pre-candidate granted pre-votes
// by a quorum raises its term and starts the real election.
import { isMajority, type NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';
import { electionStarted } from './timeout.ts';

export function startElection(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'PreCandidate') return null;
  if (!isMajority(c.servers, s.votesGranted)) return null; // votesGranted[i] \in Quorum
  return { state: electionStarted(s), send: [] };
}
