// Init of spec/BasicPaxos.tla at one node: its role by the constants, nothing promised, accepted or learned.
import type { NodeId } from '../core/index.ts';
import type { BpConfig, Node } from './types.ts';

export function init(i: NodeId, c: BpConfig): Node {
  if (c.proposers.includes(i)) return { role: 'Proposer', ballot: null, value: valueOf(i, c), phase: 'Idle', promises: [], highest: null, proposal: null };
  if (c.acceptors.includes(i)) return { role: 'Acceptor', promised: null, accepted: null };
  if (c.learners.includes(i)) return { role: 'Learner', votes: [], learned: [] };
  throw new Error(`${i} is not a node of this configuration`);
}

/** Every node: proposers, acceptors, learners. */
export function nodes(c: BpConfig): readonly NodeId[] {
  return [...c.proposers, ...c.acceptors, ...c.learners];
}

/** The client value of proposer p: the values dealt out to the proposers in order (MCBasicPaxos's ValueOf). */
export function valueOf(p: NodeId, c: BpConfig): string {
  return c.values[c.proposers.indexOf(p) % c.values.length] as string;
}
