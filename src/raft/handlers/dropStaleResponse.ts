// DropStaleResponse(i, j, m) — raft.tla; Raft Fig. 2 All Servers: a response from an older term is ignored.
import type { NodeId } from '../../core/index.ts';
import type { AppendEntriesResponse, RaftConfig, RaftStep, ReadIndexResponse, RequestVoteResponse, Server } from '../types.ts';

export function dropStaleResponse(s: Server, _i: NodeId, _j: NodeId, m: RequestVoteResponse | AppendEntriesResponse | ReadIndexResponse, _c: RaftConfig): RaftStep | null {
  if (m.term >= s.currentTerm) return null;
  return { state: s, send: [] };
}
