// Broken HandleInstallSnapshotRequest: the follower discards its whole log even when it holds the
// snapshot's last entry, losing the later entries it already acknowledged.
import type { NodeId } from '../../core/index.ts';
import { reject, returnToFollower } from '../handlers/handleAppendEntriesRequest.ts';
import { install } from '../handlers/handleInstallSnapshotRequest.ts';
import type { InstallSnapshotRequest, RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function handleInstallSnapshotRequest(s: Server, i: NodeId, j: NodeId, m: InstallSnapshotRequest, c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null;
  if (m.term < s.currentTerm) return reject(s, i, j, c);
  if (s.state === 'Candidate') return returnToFollower(s);
  // BUG: Figure 13 rule 6 skipped: never keeps the entries after the snapshot.
  if (s.state === 'Follower') return install(s, i, j, m, false);
  return null;
}

export const discardLogOnInstallSnapshot: RaftVariant = {
  name: 'discard-log-on-install-snapshot',
  bug: 'a follower discards its whole log on InstallSnapshot even when later entries match',
  source: 'Raft paper Figure 13, receiver rule 6; §7',
  replaces: { handleInstallSnapshotRequest },
};
