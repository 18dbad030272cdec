// Broken TakeSnapshot: compacts the whole log, uncommitted entries included.
import type { NodeId } from '../../core/index.ts';
import { compact } from '../actions/takeSnapshot.ts';
import { lastIndex, snapshotIndex } from '../log.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function takeSnapshot(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.snapshots !== true) return null;
  // BUG: up to LastIndex(i), not commitIndex[i].
  if (lastIndex(s) <= snapshotIndex(s)) return null;
  return { state: compact(s, lastIndex(s)), send: [] };
}

export const snapshotPastCommit: RaftVariant = {
  name: 'snapshot-past-commit',
  bug: 'a server snapshots entries it does not know to be committed',
  source: 'Raft paper §7 (each server snapshots committed entries only)',
  replaces: { takeSnapshot },
};
