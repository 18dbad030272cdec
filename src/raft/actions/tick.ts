// Tick(i) — abstract time for session expiry (thesis §6.3): server i's clock advances by one. Clocks are
// not synchronized; only the leader's, carried by the entries it appends, decides an expiry.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { RaftConfig, RaftStep, Server } from '../types.ts';

export function tick(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.sessions?.expiry === undefined || s.clock === undefined) return null;
  return { state: produce(s, (d) => { d.clock = (s.clock as number) + 1; }), send: [] };
}
