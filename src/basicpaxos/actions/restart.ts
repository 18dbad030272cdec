// Restart(i) — node i crashes and recovers with its durable part only (Paxos Made Simple §3: acceptors record
// what they must remember in stable storage).
import type { NodeId } from '../../core/index.ts';
import type { BpConfig, Node } from '../types.ts';

export function restart(s: Node, _i: NodeId, _c: BpConfig): Node {
  switch (s.role) {
    case 'Proposer':
      return { role: 'Proposer', ballot: s.ballot, value: s.value, phase: 'Idle', promises: [], highest: null, proposal: null };
    case 'Acceptor':
      return s;
    case 'Learner':
      return s.votes.length === 0 ? s : { role: 'Learner', votes: [], learned: s.learned };
  }
}
