// Broken HandleInstallSnapshotRequest: a snapshot from an older term is installed, not rejected.
import type { NodeId } from '../../core/index.ts';
import { handleInstallSnapshotRequest as correct, install, keepsSuffix } from '../handlers/handleInstallSnapshotRequest.ts';
import type { InstallSnapshotRequest, RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function handleInstallSnapshotRequest(s: Server, i: NodeId, j: NodeId, m: InstallSnapshotRequest, c: RaftConfig): RaftStep | null {
  // BUG: no Figure 13 rule 1 ("reply immediately if term < currentTerm").
  if (m.term < s.currentTerm) return install(s, i, j, m, keepsSuffix(s, m));
  return correct(s, i, j, m, c);
}

export const installSnapshotFromStaleTerm: RaftVariant = {
  name: 'install-snapshot-from-stale-term',
  bug: 'InstallSnapshot accepted from a leader of an older term',
  source: 'Raft paper Figure 13, receiver rule 1',
  replaces: { handleInstallSnapshotRequest },
};
