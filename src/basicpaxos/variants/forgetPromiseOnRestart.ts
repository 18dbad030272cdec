// Broken: an acceptor keeps its vote but not its promise across a restart.
import type { NodeId } from '../../core/index.ts';
import { restart as correct } from '../actions/restart.ts';
import type { BpConfig, BpVariant, Node } from '../types.ts';

function restart(s: Node, i: NodeId, c: BpConfig): Node {
  // BUG: promised is treated as volatile state.
  return s.role === 'Acceptor' ? { role: 'Acceptor', promised: null, accepted: s.accepted } : correct(s, i, c);
}

export const forgetPromiseOnRestart: BpVariant = {
  name: 'forget-promise-on-restart',
  bug: 'an acceptor forgets its promise on restart, so it accepts below a ballot it promised',
  source: 'Paxos Made Simple §3: an acceptor records its promises in stable storage',
  replaces: { restart },
};
