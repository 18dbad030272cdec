// AppendEntries(i, j) — raft.tla; Raft Fig. 2 Leaders: send j at most one entry from nextIndex[j], with
// the entry before it and the commit index (heartbeats too, when there is nothing to send).
import type { NodeId } from '../../core/index.ts';
import type { AppendEntriesRequest, RaftConfig, RaftStep, Server } from '../types.ts';

export function appendEntries(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  if (i === j) return null;
  if (s.state !== 'Leader') return null;
  const next = s.nextIndex[j] ?? 1;
  const prevLogIndex = next - 1;
  const prev = prevLogIndex > 0 ? s.log[prevLogIndex - 1] : undefined;
  if (prevLogIndex > 0 && prev === undefined) throw new Error(`AppendEntries(${i}, ${j}): nextIndex ${next} beyond the log`);
  const lastEntry = Math.min(s.log.length, next);
  const m: AppendEntriesRequest = {
    type: 'AppendEntriesRequest',
    term: s.currentTerm,
    prevLogIndex,
    prevLogTerm: prev === undefined ? 0 : prev.term,
    entries: s.log.slice(next - 1, lastEntry),
    commitIndex: Math.min(s.commitIndex, lastEntry),
    source: i,
    dest: j,
  };
  return { state: s, send: [c.historyFields ? { ...m, log: s.log } : m] };
}
