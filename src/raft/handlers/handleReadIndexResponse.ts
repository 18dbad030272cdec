// HandleReadIndexResponse(i, j, m) — Raft thesis §6.4: j, still in the leader's term, confirms the read
// whose id it carries; a confirmation of an earlier read is dropped.
import { castDraft, produce } from 'immer';
import { setAdd, type NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, ReadIndexResponse, Server } from '../types.ts';

export function handleReadIndexResponse(s: Server, _i: NodeId, j: NodeId, m: ReadIndexResponse, _c: RaftConfig): RaftStep | null {
  if (m.term !== s.currentTerm) return null;
  const r = s.read;
  if (r === undefined || s.state !== 'Leader' || !r.pending || r.id !== m.id) return { state: s, send: [] };
  return { state: produce(s, (d) => { (d.read as NonNullable<typeof d.read>).acks = castDraft(setAdd(r.acks, j)); }), send: [] };
}
