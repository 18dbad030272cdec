// ReadIndexConfirm(i, j) — Raft thesis §6.4, step 2: a leader with a pending read asks j to confirm that
// it still leads (a heartbeat carrying the read's id); sent until j has confirmed.
import type { NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function readIndexConfirm(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  const r = s.read;
  if (c.readIndex === undefined || r === undefined || i === j || s.state !== 'Leader' || !r.pending || r.acks.includes(j)) return null;
  return { state: s, send: [{ type: 'ReadIndexRequest', term: s.currentTerm, id: r.id, source: i, dest: j }] };
}
