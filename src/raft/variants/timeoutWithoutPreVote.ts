// Broken Timeout under PreVote: a server that times out raises its term at once (raft.tla's Timeout).
import type { NodeId } from '../../core/index.ts';
import { electionStarted } from '../actions/timeout.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function timeout(s: Server, _i: NodeId, _c: RaftConfig): RaftStep | null {
  if (s.state === 'Leader') return null;
  // BUG: no pre-vote; the term goes up whether or not the server could win.
  return { state: electionStarted(s), send: [] };
}

export const timeoutWithoutPreVote: RaftVariant = {
  name: 'timeout-without-prevote',
  bug: 'with --prevote on, a server that times out raises its term without asking whether it could win',
  source: 'Raft thesis §9.6 (preventing disruptions when a server rejoins the cluster)',
  replaces: { timeout },
};
