// HandleAppendEntriesRequest(i, j, m) — raft.tla; Raft Fig. 2 AppendEntries RPC, receiver rules 1-5, and
// Candidates: "AppendEntries RPC received from new leader: convert to follower". With one entry this is
// raft.tla's; with more, "append" appends every entry after the last one the log already holds.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { lastIndex, snapshotIndex, termOf } from '../log.ts';
import type { AppendEntriesRequest, RaftConfig, RaftStep, Server } from '../types.ts';

export function handleAppendEntriesRequest(s: Server, i: NodeId, j: NodeId, m: AppendEntriesRequest, c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null; // UpdateTerm first
  // Entries up to snapshot.index are committed, so they match the leader's (prevLogIndex = 0 without a snapshot).
  const logOk = m.prevLogIndex <= snapshotIndex(s) || termOf(s, m.prevLogIndex) === m.prevLogTerm;
  if (m.term < s.currentTerm) return reject(s, i, j, c);
  if (s.state === 'Candidate' || s.state === 'PreCandidate') return returnToFollower(s);
  if (s.state !== 'Follower') return null; // a leader never hears from another leader of its own term
  const r = logOk ? accept(s, i, j, m) : reject(s, i, j, c);
  return r === null ? null : heard(r);
}

/** With PreVote or CheckQuorum, a request of the current term is word from its leader (docs/raft.md, time abstracted). */
function heard(r: RaftStep): RaftStep {
  return r.state.heardFromLeader === false ? { ...r, state: produce(r.state, (d) => { d.heardFromLeader = true; }) } : r;
}

/** reject request (rules 1, 2): reply failure, no change; with RejectHint the reply carries Len(log[i]). */
export function reject(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep {
  const matchIndex = c.rejectHint === true ? lastIndex(s) : 0;
  return { state: s, send: [{ type: 'AppendEntriesResponse', term: s.currentTerm, success: false, matchIndex, source: i, dest: j }] };
}

/** return to follower state: the message stays and is handled again as a follower. */
export function returnToFollower(s: Server): RaftStep {
  return { state: produce(s, (d) => { d.state = 'Follower'; }), send: [], keep: true };
}

/** Spec `first`: the first position k of m.entries whose entry log[i] does not hold (Len + 1 if none). */
function firstMissing(s: Server, m: AppendEntriesRequest): number {
  const base = snapshotIndex(s);
  for (let k = 1; k <= m.entries.length; k += 1) {
    const p = m.prevLogIndex + k;
    if (p > base && termOf(s, p) !== (m.entries[k - 1] as { term: number }).term) return k;
  }
  return m.entries.length + 1;
}

/** accept request, once logOk holds (rules 3-5), one of three atomic steps. */
export function accept(s: Server, i: NodeId, j: NodeId, m: AppendEntriesRequest): RaftStep | null {
  const first = firstMissing(s, m);
  if (first > m.entries.length) {
    // already done with request. The commit index may go down on an old duplicate, as in raft.tla, but
    // never below the snapshot (which holds committed entries only).
    const commitIndex = Math.max(m.commitIndex, snapshotIndex(s));
    return {
      state: s.commitIndex === commitIndex ? s : produce(s, (d) => { d.commitIndex = commitIndex; }),
      send: [{ type: 'AppendEntriesResponse', term: s.currentTerm, success: true, matchIndex: m.prevLogIndex + m.entries.length, source: i, dest: j }],
    };
  }
  const last = lastIndex(s);
  if (last >= m.prevLogIndex + first) {
    // conflict: remove 1 entry (the last one, as raft.tla); the message stays for the next step.
    return { state: { ...s, log: s.log.slice(0, -1) }, send: [], keep: true };
  }
  if (last === m.prevLogIndex + first - 1) {
    // no conflict: append entries (raft.tla: the one entry); the message stays and is then "already done".
    return { state: { ...s, log: [...s.log, ...m.entries.slice(first - 1)] }, send: [], keep: true };
  }
  return null;
}
