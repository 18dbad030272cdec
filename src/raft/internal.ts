// The internal actions of raft.tla's Next at server i, in spec order: Timeout(i), RequestVote(i, j) for
// every j (i included), BecomeLeader(i), ClientRequest(i, v), AdvanceCommitIndex(i), AppendEntries(i, j).
import type { NodeId } from '../core/index.ts';
import type { RaftAction, RaftConfig, Server } from './types.ts';

export function internal(i: NodeId, _s: Server, c: RaftConfig): readonly RaftAction[] {
  return [
    { type: 'Timeout' },
    ...c.servers.map((j): RaftAction => ({ type: 'RequestVote', j })),
    { type: 'BecomeLeader' },
    ...c.values.map((v): RaftAction => ({ type: 'ClientRequest', v })),
    { type: 'AdvanceCommitIndex' },
    ...c.servers.filter((j) => j !== i).map((j): RaftAction => ({ type: 'AppendEntries', j })),
  ];
}
