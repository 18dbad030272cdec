// ClientRequest(i, v) — raft.tla; Raft Fig. 2 Leaders: a command from a client is appended to the local log.
import type { NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server, Value } from '../types.ts';

export function clientRequest(s: Server, _i: NodeId, v: Value, _c: RaftConfig): RaftStep | null {
  if (s.state !== 'Leader') return null;
  // Thesis §6.3: with session expiry an entry carries the leader's clock.
  const e = s.clock === undefined ? { term: s.currentTerm, value: v } : { term: s.currentTerm, value: v, time: s.clock };
  // log' = Append(log[i], entry)
  return { state: { ...s, log: [...s.log, e] }, send: [] };
}
