// TakeSnapshot(i) — Raft §7 (log compaction): server i compacts its committed (applied) prefix into a
// snapshot of the last included index and term and the state machine's state. Only with Snapshots.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { lastIndex, snapshotIndex, termOf } from '../log.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function takeSnapshot(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.snapshots !== true) return null;
  if (s.commitIndex <= snapshotIndex(s)) return null; // something new to compact
  if (s.commitIndex > lastIndex(s)) return null; // the committed prefix is in the log
  return { state: compact(s, s.commitIndex), send: [] };
}

/** The server with entries up to index n (snapshot.index < n <= LastIndex(i)) moved into its snapshot. */
export function compact(s: Server, n: number): Server {
  const base = snapshotIndex(s);
  const applied = s.log.slice(0, n - base).map((e) => e.value);
  return produce(s, (d) => {
    d.snapshot = { index: n, term: termOf(s, n) as number, state: [...(s.snapshot?.state ?? []), ...applied] };
    d.log.splice(0, n - base);
  });
}
