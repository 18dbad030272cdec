// ReadIndexStart(i, a) — Raft thesis §6.4, step 1: a leader that has committed an entry of its own term
// records its commit index as the read's index; `acked` (history) is what clients saw acknowledged before.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { lastIndex, termOf } from '../log.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function readIndexStart(s: Server, i: NodeId, acked: number, c: RaftConfig): RaftStep | null {
  const r = s.read;
  if (c.readIndex === undefined || r === undefined || s.state !== 'Leader' || r.pending) return null;
  // §6.4: a new leader waits until an entry of its own term is committed (its commit index is then current).
  if (s.commitIndex > lastIndex(s) || termOf(s, s.commitIndex) !== s.currentTerm) return null;
  return { state: produce(s, (d) => { d.read = { id: r.id + 1, pending: true, index: s.commitIndex, acks: [i], acked }; }), send: [] };
}
