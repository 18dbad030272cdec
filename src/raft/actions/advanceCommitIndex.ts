// AdvanceCommitIndex(i) — raft.tla; Raft Fig. 2 Leaders, last rule: commit N if a majority has it and
// log[N].term = currentTerm (§5.3, §5.4.2).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';
import { lastIndex, snapshotIndex, termOf } from '../log.ts';
import { quorumIndex } from '../membership.ts';

export function advanceCommitIndex(s: Server, i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Leader') return null;
  const n = agreeIndex(s, i, c);
  // Enabled even when nothing changes: TLC counts that stuttering successor too.
  // agreeIndexes ranges over snapshot.index+1..LastIndex(i): none there (n <= snapshot.index) is a stutter too.
  if (n <= snapshotIndex(s) || n === s.commitIndex || termOf(s, n) !== s.currentTerm) return { state: acknowledge(s), send: [] };
  return { state: acknowledge(produce(s, (d) => { d.commitIndex = n; })), send: [] };
}

/**
 * raft.tla `Max(agreeIndexes)`: the largest index in 1..LastIndex(i) that a quorum (i itself and the
 * servers whose matchIndex reached it) agrees on, or 0 if none.
 */
export function agreeIndex(s: Server, i: NodeId, c: RaftConfig): number {
  const len = lastIndex(s);
  return Math.min(len, quorumIndex(s, c, (k) => (k === i ? len : (s.matchIndex[k] ?? 0))));
}

/** With ReadIndex, the history field acknowledged: a leader acknowledges the writes up to its commit index. */
function acknowledge(s: Server): Server {
  const a = s.acknowledged;
  return a === undefined || a >= s.commitIndex ? s : produce(s, (d) => { d.acknowledged = s.commitIndex; });
}
