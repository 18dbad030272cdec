// Execute(i) — Paxos Made Simple §3: apply the next decided slot in order; a no-op, or a command already executed
// (same client and sequence number), changes nothing.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { Command, MpConfig, MpStep, Replica } from '../types.ts';
import { at, sameValue } from '../values.ts';

export function execute(s: Replica, _i: NodeId, _c: MpConfig): MpStep | null {
  const x = at(s.decided, s.executed + 1);
  if (x === undefined) return null; // slot executed + 1 is decided
  const v = x.val;
  const fresh = v !== 'noop' && !s.applied.some((y) => sameValue(y, v));
  return {
    state: produce(s, (d) => {
      d.executed = s.executed + 1;
      if (fresh) d.applied = [...s.applied, v as Command];
    }),
    send: [],
  };
}
