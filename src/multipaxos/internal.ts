// The internal action instances of a replica (guards are checked by step).
import type { NodeId } from '../core/index.ts';
import type { MpAction, MpConfig, Replica } from './types.ts';

export function internal(_i: NodeId, s: Replica, c: MpConfig): readonly MpAction[] {
  const out: MpAction[] = [{ type: 'StartElection' }];
  for (const j of c.replicas) out.push({ type: 'SendPrepare', j });
  for (const cmd of c.commands) out.push({ type: 'ClientRequest', cmd });
  for (const x of s.proposals) for (const j of c.replicas) out.push({ type: 'SendAccept', j, slot: x.slot });
  out.push({ type: 'Execute' });
  for (const j of c.replicas) out.push({ type: 'RequestCatchUp', j });
  for (const j of c.replicas) out.push({ type: 'SendHandOff', j });
  return out;
}
