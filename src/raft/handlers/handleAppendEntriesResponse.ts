// HandleAppendEntriesResponse(i, j, m) — raft.tla; Raft Fig. 2 Leaders: on success update nextIndex and
// matchIndex for j, on failure decrement nextIndex and retry (§5.3).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { AppendEntriesResponse, RaftConfig, RaftStep, Server } from '../types.ts';

export function handleAppendEntriesResponse(s: Server, _i: NodeId, j: NodeId, m: AppendEntriesResponse, _c: RaftConfig): RaftStep | null {
  if (m.term !== s.currentTerm) return null;
  return {
    state: produce(s, (d) => {
      if (m.success) {
        d.nextIndex[j] = m.matchIndex + 1;
        d.matchIndex[j] = m.matchIndex;
      } else {
        d.nextIndex[j] = Math.max((s.nextIndex[j] ?? 1) - 1, 1);
      }
    }),
    send: [],
  };
}
