// HandleInstallSnapshotRequest(i, j, m) — Raft Figure 13 receiver rules: reply at once to an older term
// (1); a snapshot i already covers changes nothing; otherwise i keeps the entries after the snapshot's
// last one if its log holds that entry (6), else discards its log (7), and takes the snapshot (8).
// The reply is an AppendEntriesResponse whose matchIndex is lastIncludedIndex (as etcd/raft answers).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { lastIndex, snapshotIndex, termOf } from '../log.ts';
import type { InstallSnapshotRequest, RaftConfig, RaftStep, Server } from '../types.ts';
import { reject, returnToFollower } from './handleAppendEntriesRequest.ts';

export function handleInstallSnapshotRequest(s: Server, i: NodeId, j: NodeId, m: InstallSnapshotRequest, c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null; // UpdateTerm first
  if (m.term < s.currentTerm) return reject(s, i, j, c);
  if (s.state === 'Candidate') return returnToFollower(s);
  if (s.state === 'Follower') return install(s, i, j, m, keepsSuffix(s, m));
  return null; // a leader never hears from another leader of its own term
}

/** Figure 13 rule 6: i's log holds the snapshot's last entry (same index and term). */
export function keepsSuffix(s: Server, m: InstallSnapshotRequest): boolean {
  return m.lastIncludedIndex <= lastIndex(s) && termOf(s, m.lastIncludedIndex) === m.lastIncludedTerm;
}

/** already done (the snapshot is no newer than i's), or install it, keeping the later entries if `keep`. */
export function install(s: Server, i: NodeId, j: NodeId, m: InstallSnapshotRequest, keep: boolean): RaftStep {
  const base = snapshotIndex(s);
  const state =
    m.lastIncludedIndex <= base
      ? s
      : produce(s, (d) => {
          d.snapshot = { index: m.lastIncludedIndex, term: m.lastIncludedTerm, state: [...m.state] };
          if (keep) d.log.splice(0, m.lastIncludedIndex - base);
          else d.log = [];
          d.commitIndex = Math.max(s.commitIndex, m.lastIncludedIndex);
        });
  return { state, send: [{ type: 'AppendEntriesResponse', term: s.currentTerm, success: true, matchIndex: m.lastIncludedIndex, source: i, dest: j }] };
}
