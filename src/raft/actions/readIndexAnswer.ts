// ReadIndexAnswer(i) — Raft thesis §6.4, steps 3-4: once a quorum confirmed its leadership after the read
// began and it has applied up to the read's index, the leader answers from its state machine.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { isQuorum } from '../membership.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function readIndexAnswer(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  const r = s.read;
  if (c.readIndex === undefined || r === undefined || s.state !== 'Leader' || !r.pending) return null;
  if (!isQuorum(s, c, r.acks) || s.commitIndex < r.index) return null; // a quorum of i's configuration (§6)
  return { state: answered(s), send: [] };
}

/** The read is answered: nothing is pending, its id stays. */
export function answered(s: Server): Server {
  return produce(s, (d) => { d.read = { id: (s.read as { id: number }).id, pending: false, index: 0, acks: [], acked: 0 }; });
}
