// Broken Restart: votedFor is not persisted, so a restarted server may vote twice in one term.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { restart as correctRestart } from '../actions/restart.ts';
import type { RaftConfig, RaftVariant, Server } from '../types.ts';

function restart(s: Server, i: NodeId, c: RaftConfig): Server {
  // BUG: votedFor is treated as volatile state.
  return produce(correctRestart(s, i, c), (d) => { d.votedFor = null; });
}

export const forgetVoteOnRestart: RaftVariant = {
  name: 'forget-vote-on-restart',
  bug: 'votedFor is lost on restart, so a server can grant two votes in one term',
  source: 'Raft paper Figure 2, "Persistent state on all servers" (votedFor); §5.2 one vote per term',
  replaces: { restart },
};
