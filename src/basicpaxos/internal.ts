// The internal action instances of a node, in the order of spec/BasicPaxos.tla's Next (guards are checked by step).
import type { NodeId } from '../core/index.ts';
import type { BpAction, BpConfig, Node } from './types.ts';

export function internal(_i: NodeId, s: Node, c: BpConfig): readonly BpAction[] {
  if (s.role !== 'Proposer') return [];
  return [
    { type: 'Timeout' },
    ...c.acceptors.map((a): BpAction => ({ type: 'SendPrepare', a })),
    ...c.acceptors.map((a): BpAction => ({ type: 'SendAccept', a })),
  ];
}
