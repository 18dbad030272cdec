// InstallSnapshot(i, j) — Raft §7, Figure 13: leader i sends follower j its snapshot when j needs an
// entry i has compacted (nextIndex[i][j] <= snapshot[i].index). One chunk. Only with Snapshots.
import type { NodeId } from '../../core/index.ts';
import { snapshotIndex } from '../log.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function installSnapshot(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  if (c.snapshots !== true) return null;
  if (i === j) return null;
  if (s.state !== 'Leader') return null;
  if ((s.nextIndex[j] ?? 1) > snapshotIndex(s)) return null;
  const snap = s.snapshot;
  if (snap === undefined) return null;
  return {
    state: s,
    send: [{ type: 'InstallSnapshotRequest', term: s.currentTerm, lastIncludedIndex: snap.index, lastIncludedTerm: snap.term, state: snap.state, source: i, dest: j }],
  };
}
