// ClientRequest(i, cmd) — Paxos Made Simple §3: the leader puts a command in the next free slot; Phase 2 only.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { Command, MpConfig, MpStep, Replica } from '../types.ts';
import { put, sameValue } from '../values.ts';

export function clientRequest(s: Replica, _i: NodeId, cmd: Command, _c: MpConfig): MpStep | null {
  if (s.role !== 'Leader') return null;
  if (s.proposals.some((x) => sameValue(x.val, cmd))) return null; // not proposed by this leader yet
  if (s.applied.some((x) => sameValue(x, cmd))) return null; // not executed here already
  const slot = Math.max(s.base - 1, ...s.proposals.map((x) => x.slot)) + 1;
  return { state: produce(s, (d) => { d.proposals = put(s.proposals, { slot, val: cmd }); }), send: [] };
}
