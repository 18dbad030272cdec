// The internal actions of raft.tla's Next at server i, in spec order: Timeout(i), RequestVote(i, j) for
// every j (i included), BecomeLeader(i), ClientRequest(i, v), AdvanceCommitIndex(i), AppendEntries(i, j)
// and TransferLeadership(i, j) for every j (i included: their guards, i /= j and LeadershipTransfer
// among them, live in the action functions), then TakeSnapshot(i) and InstallSnapshot(i, j) (Snapshots),
// ApplyCommitted(i) (Sessions), Tick(i) (session expiry). StartElection(i) follows Timeout(i) with PreVote;
// CheckLeaderQuorum(i) (CheckQuorum), then ReadIndexStart(i, a) for a in 0..MaxLogLen, ReadIndexConfirm(i, j),
// ReadIndexAnswer(i) (ReadIndex); AddLearner, RemoveLearner, ProposeConfig, LeaveJoint, StepDownRemoved last (membership).
// With Sessions, ClientRequest's values are the clients' commands.
import type { NodeId } from '../core/index.ts';
import { membershipActions } from './membership.ts';
import { valuesOf } from './sessions.ts';
import type { RaftAction, RaftConfig, Server } from './types.ts';

export function internal(_i: NodeId, _s: Server, c: RaftConfig): readonly RaftAction[] {
  return [
    { type: 'Timeout' },
    ...(c.preVote === true ? [{ type: 'StartElection' } as const] : []),
    ...c.servers.map((j): RaftAction => ({ type: 'RequestVote', j })),
    { type: 'BecomeLeader' },
    ...valuesOf(c).map((v): RaftAction => ({ type: 'ClientRequest', v })),
    { type: 'AdvanceCommitIndex' },
    ...c.servers.map((j): RaftAction => ({ type: 'AppendEntries', j })),
    ...c.servers.map((j): RaftAction => ({ type: 'TransferLeadership', j })),
    ...(c.snapshots === true ? [{ type: 'TakeSnapshot' } as const, ...c.servers.map((j): RaftAction => ({ type: 'InstallSnapshot', j }))] : []),
    ...(c.sessions !== undefined ? [{ type: 'ApplyCommitted' } as const] : []),
    ...(c.sessions?.expiry !== undefined ? [{ type: 'Tick' } as const] : []),
    ...(c.checkQuorum === true ? [{ type: 'CheckLeaderQuorum' } as const] : []),
    ...(c.readIndex !== undefined ? readIndexActions(c) : []),
    ...membershipActions(c),
  ];
}

/** ReadIndexStart(i, a) for every a in 0..MaxLogLen (the history parameter; CONSTRAINT keeps the true ones), ReadIndexConfirm(i, j), ReadIndexAnswer(i). */
function readIndexActions(c: RaftConfig): RaftAction[] {
  return [
    ...Array.from({ length: (c.maxLogLen ?? 0) + 1 }, (_, acked): RaftAction => ({ type: 'ReadIndexStart', acked })),
    ...c.servers.map((j): RaftAction => ({ type: 'ReadIndexConfirm', j })),
    { type: 'ReadIndexAnswer' },
  ];
}
