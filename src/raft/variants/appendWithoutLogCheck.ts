// Broken HandleAppendEntriesRequest: accepts entries without the prevLogIndex/prevLogTerm check.
import type { NodeId } from '../../core/index.ts';
import { accept, reject, returnToFollower } from '../handlers/handleAppendEntriesRequest.ts';
import type { AppendEntriesRequest, RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function handleAppendEntriesRequest(s: Server, i: NodeId, j: NodeId, m: AppendEntriesRequest, c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null;
  // BUG: logOk is taken to be TRUE.
  if (m.term < s.currentTerm) return reject(s, i, j, c);
  if (s.state === 'Candidate') return returnToFollower(s);
  if (s.state === 'Follower') return accept(s, i, j, m);
  return null;
}

export const appendWithoutLogCheck: RaftVariant = {
  name: 'append-without-log-check',
  bug: 'a follower appends entries without checking that its log matches at prevLogIndex/prevLogTerm',
  source: 'Raft paper §5.3 (consistency check) and Figure 2, AppendEntries receiver rule 2',
  replaces: { handleAppendEntriesRequest },
};
