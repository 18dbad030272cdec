// Broken ReadIndexAnswer: the leader answers without a quorum confirming, after the read began, that it
// still leads, so a deposed leader that does not know it answers from a stale state machine.
import type { NodeId } from '../../core/index.ts';
import { answered } from '../actions/readIndexAnswer.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function readIndexAnswer(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  const r = s.read;
  if (c.readIndex === undefined || r === undefined || s.state !== 'Leader' || !r.pending) return null;
  // BUG: no quorum of confirmations (acks) is required.
  if (s.commitIndex < r.index) return null;
  return { state: answered(s), send: [] };
}

export const readWithoutConfirmation: RaftVariant = {
  name: 'read-without-confirmation',
  bug: 'a leader answers a read from its state machine without a heartbeat round confirming it still leads: a deposed leader returns a stale value',
  source: 'Raft thesis §6.4 (processing read-only queries more efficiently), step 2',
  replaces: { readIndexAnswer },
};
