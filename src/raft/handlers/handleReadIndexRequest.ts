// HandleReadIndexRequest(i, j, m) — Raft thesis §6.4: a server answers a leader's confirmation request with
// its current term (a newer term deposes the asker by UpdateTerm; the same term confirms it).
import type { NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, ReadIndexRequest, Server } from '../types.ts';

export function handleReadIndexRequest(s: Server, i: NodeId, j: NodeId, m: ReadIndexRequest, _c: RaftConfig): RaftStep | null {
  if (m.term > s.currentTerm) return null; // UpdateTerm first
  return { state: s, send: [{ type: 'ReadIndexResponse', term: s.currentTerm, id: m.id, source: i, dest: j }] };
}
