// AdvanceCommitIndex(i) — raft.tla; Raft Fig. 2 Leaders, last rule: commit N if a majority has it and
// log[N].term = currentTerm (§5.3, §5.4.2).
import { produce } from 'immer';
import { committedIndex, type NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';
import { termAt } from '../log.ts';

export function advanceCommitIndex(s: Server, i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Leader') return null;
  const n = agreeIndex(s, i, c);
  // Enabled even when nothing changes: TLC counts that stuttering successor too.
  if (n === 0 || n === s.commitIndex || termAt(s.log, n) !== s.currentTerm) return { state: s, send: [] };
  return { state: produce(s, (d) => { d.commitIndex = n; }), send: [] };
}

/**
 * raft.tla `Max(agreeIndexes)`: the largest index in 1..Len(log[i]) that a quorum (i itself and the
 * servers whose matchIndex reached it) agrees on, or 0 if none.
 */
export function agreeIndex(s: Server, i: NodeId, c: RaftConfig): number {
  const len = s.log.length;
  return Math.min(len, committedIndex(c.servers, (k) => (k === i ? len : (s.matchIndex[k] ?? 0))));
}
