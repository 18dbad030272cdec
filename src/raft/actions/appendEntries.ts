// AppendEntries(i, j) — raft.tla; Raft Fig. 2 Leaders: send j the entries from nextIndex[j] (at most
// MaxAppendEntries of them; raft.tla: one), with the entry before them and the commit index
// (heartbeats too, when there is nothing to send).
import type { NodeId } from '../../core/index.ts';
import { lastIndex, snapshotIndex, termOf } from '../log.ts';
import { isMember } from '../membership.ts';
import type { AppendEntriesRequest, Entry, RaftConfig, RaftStep, Server } from '../types.ts';

export function appendEntries(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  if (i === j) return null;
  if (s.state !== 'Leader') return null;
  if (!isMember(s, c, j)) return null; // voters and learners of its configuration (§6)
  const next = s.nextIndex[j] ?? 1;
  const base = snapshotIndex(s);
  if (next <= base) return null; // j needs a compacted entry: InstallSnapshot(i, j) instead
  const prevLogIndex = next - 1;
  const prevLogTerm = termOf(s, prevLogIndex);
  if (prevLogTerm === null) throw new Error(`AppendEntries(${i}, ${j}): nextIndex ${next} beyond the log`);
  const lastEntry = Math.min(lastIndex(s), next + batchLength(s.log, next - base, c) - 1);
  const m: AppendEntriesRequest = {
    type: 'AppendEntriesRequest',
    term: s.currentTerm,
    prevLogIndex,
    prevLogTerm,
    entries: s.log.slice(next - 1 - base, lastEntry - base),
    commitIndex: Math.min(s.commitIndex, lastEntry),
    source: i,
    dest: j,
  };
  return { state: s, send: [c.historyFields ? { ...m, log: s.log } : m] };
}

/**
 * About the JSON length of an entry's value, without building the JSON (string escapes not counted):
 * a 1 MB value is not serialized at every heartbeat to every peer to measure it. The bound only
 * shapes batches, so an estimate is as safe as the exact length.
 */
function size(e: Entry): number {
  return jsonLength(e.value);
}

function jsonLength(v: unknown): number {
  if (typeof v === 'string') return v.length + 2;
  if (typeof v !== 'object' || v === null) return typeof v === 'number' ? 8 : 5;
  let n = 1;
  if (Array.isArray(v)) for (const x of v) n += jsonLength(x) + 1;
  else for (const k in v) n += k.length + 4 + jsonLength((v as Record<string, unknown>)[k]);
  return n;
}

/**
 * MaxAppendEntries, shortened (never below one entry) so that the values' JSON length stays within
 * maxAppendBytes: a shorter batch is the spec's AppendEntries under a smaller MaxAppendEntries.
 */
export function batchLength(log: readonly Entry[], next: number, c: RaftConfig): number {
  const max = c.maxAppendEntries ?? 1;
  if (max <= 1 || c.maxAppendBytes === undefined) return max;
  let bytes = 0;
  let n = 0;
  for (let k = next - 1; k < log.length && n < max; k += 1) {
    bytes += size(log[k] as Entry);
    if (n > 0 && bytes > c.maxAppendBytes) break;
    n += 1;
  }
  return Math.max(n, 1);
}
