// HandleAppendEntriesRequest(i, j, m) — raft.tla; Raft Fig. 2 AppendEntries RPC, receiver rules 1-5, and
// Candidates: "AppendEntries RPC received from new leader: convert to follower". At most one entry.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { termAt } from '../log.ts';
import type { AppendEntriesRequest, RaftConfig, RaftStep, Server } from '../types.ts';

export function handleAppendEntriesRequest(s: Server, i: NodeId, j: NodeId, m: AppendEntriesRequest, _c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null; // UpdateTerm first
  const logOk = m.prevLogIndex === 0 || termAt(s.log, m.prevLogIndex) === m.prevLogTerm;
  if (m.term < s.currentTerm || (s.state === 'Follower' && !logOk)) return reject(s, i, j);
  if (s.state === 'Candidate') return returnToFollower(s);
  if (s.state === 'Follower') return accept(s, i, j, m);
  return null; // a leader never hears from another leader of its own term
}

/** reject request (rules 1, 2): reply failure, no change. */
export function reject(s: Server, i: NodeId, j: NodeId): RaftStep {
  return { state: s, send: [{ type: 'AppendEntriesResponse', term: s.currentTerm, success: false, matchIndex: 0, source: i, dest: j }] };
}

/** return to follower state: the message stays and is handled again as a follower. */
export function returnToFollower(s: Server): RaftStep {
  return { state: produce(s, (d) => { d.state = 'Follower'; }), send: [], keep: true };
}

/** accept request, once logOk holds (rules 3-5), one of three atomic steps. */
export function accept(s: Server, i: NodeId, j: NodeId, m: AppendEntriesRequest): RaftStep | null {
  const index = m.prevLogIndex + 1;
  const entry = m.entries[0];
  const have = termAt(s.log, index);
  if (entry === undefined || have === entry.term) {
    // already done with request. The commit index may go down on an old duplicate, as in raft.tla.
    return {
      state: s.commitIndex === m.commitIndex ? s : produce(s, (d) => { d.commitIndex = m.commitIndex; }),
      send: [{ type: 'AppendEntriesResponse', term: s.currentTerm, success: true, matchIndex: m.prevLogIndex + m.entries.length, source: i, dest: j }],
    };
  }
  if (have !== null) {
    // conflict: remove 1 entry (the last one, as raft.tla); the message stays for the next step.
    return { state: produce(s, (d) => { d.log.pop(); }), send: [], keep: true };
  }
  if (s.log.length === m.prevLogIndex) {
    // no conflict: append entry; the message stays and is then "already done".
    return { state: produce(s, (d) => { d.log.push(entry); }), send: [], keep: true };
  }
  return null;
}
