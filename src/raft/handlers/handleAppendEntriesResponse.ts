// HandleAppendEntriesResponse(i, j, m) — raft.tla; Raft Fig. 2 Leaders: on success update nextIndex and
// matchIndex for j, on failure decrement nextIndex and retry (§5.3); with RejectHint, back up to just
// after the follower's last entry at once if that is lower (thesis §5.3, the follower's hint).
import { castDraft, produce } from 'immer';
import { setAdd, type NodeId } from '../../core/index.ts';
import type { AppendEntriesResponse, RaftConfig, RaftStep, Server } from '../types.ts';

export function handleAppendEntriesResponse(s: Server, _i: NodeId, j: NodeId, m: AppendEntriesResponse, c: RaftConfig): RaftStep | null {
  if (m.term !== s.currentTerm) return null;
  return {
    state: produce(s, (d) => {
      if (s.heardFrom !== undefined) d.heardFrom = castDraft(setAdd(s.heardFrom, j)); // CheckQuorum: j is alive
      if (m.success) {
        d.nextIndex[j] = m.matchIndex + 1;
        d.matchIndex[j] = m.matchIndex;
      } else {
        const back = (s.nextIndex[j] ?? 1) - 1;
        d.nextIndex[j] = Math.max(c.rejectHint === true ? Math.min(back, m.matchIndex + 1) : back, 1);
      }
    }),
    send: [],
  };
}
