// Next of raft.tla for one server: each input names one spec operator, looked up in a handler table.
import type { NodeId } from '../core/index.ts';
import { addLearner } from './actions/addLearner.ts';
import { removeLearner } from './actions/removeLearner.ts';
import { advanceCommitIndex } from './actions/advanceCommitIndex.ts';
import { leaveJoint } from './actions/leaveJoint.ts';
import { proposeConfig } from './actions/proposeConfig.ts';
import { stepDownRemoved } from './actions/stepDownRemoved.ts';
import { applyCommitted } from './actions/applyCommitted.ts';
import { appendEntries } from './actions/appendEntries.ts';
import { becomeLeader } from './actions/becomeLeader.ts';
import { checkLeaderQuorum } from './actions/checkLeaderQuorum.ts';
import { clientRequest } from './actions/clientRequest.ts';
import { installSnapshot } from './actions/installSnapshot.ts';
import { readIndexAnswer } from './actions/readIndexAnswer.ts';
import { readIndexConfirm } from './actions/readIndexConfirm.ts';
import { readIndexStart } from './actions/readIndexStart.ts';
import { requestVote } from './actions/requestVote.ts';
import { restart } from './actions/restart.ts';
import { takeSnapshot } from './actions/takeSnapshot.ts';
import { startElection } from './actions/startElection.ts';
import { tick } from './actions/tick.ts';
import { timeout } from './actions/timeout.ts';
import { transferLeadership } from './actions/transferLeadership.ts';
import { dropStaleResponse } from './handlers/dropStaleResponse.ts';
import { handleAppendEntriesRequest } from './handlers/handleAppendEntriesRequest.ts';
import { handleAppendEntriesResponse } from './handlers/handleAppendEntriesResponse.ts';
import { handlePreVoteRequest } from './handlers/handlePreVoteRequest.ts';
import { handlePreVoteResponse } from './handlers/handlePreVoteResponse.ts';
import { handleReadIndexRequest } from './handlers/handleReadIndexRequest.ts';
import { handleReadIndexResponse } from './handlers/handleReadIndexResponse.ts';
import { handleInstallSnapshotRequest } from './handlers/handleInstallSnapshotRequest.ts';
import { handleRequestVoteRequest } from './handlers/handleRequestVoteRequest.ts';
import { handleRequestVoteResponse } from './handlers/handleRequestVoteResponse.ts';
import { handleTimeoutNowRequest } from './handlers/handleTimeoutNowRequest.ts';
import { receive } from './handlers/receive.ts';
import { updateTerm } from './handlers/updateTerm.ts';
import type { Handlers, RaftConfig, RaftInput, RaftStep, Server } from './types.ts';

/** The correct protocol: raft.tla's operators. */
export const handlers: Handlers = {
  restart,
  timeout,
  startElection,
  requestVote,
  becomeLeader,
  clientRequest,
  advanceCommitIndex,
  checkLeaderQuorum,
  appendEntries,
  transferLeadership,
  updateTerm,
  handlePreVoteRequest,
  handlePreVoteResponse,
  handleRequestVoteRequest,
  handleRequestVoteResponse,
  handleAppendEntriesRequest,
  handleAppendEntriesResponse,
  handleTimeoutNowRequest,
  takeSnapshot,
  installSnapshot,
  handleInstallSnapshotRequest,
  applyCommitted,
  tick,
  readIndexStart,
  readIndexConfirm,
  readIndexAnswer,
  handleReadIndexRequest,
  handleReadIndexResponse,
  dropStaleResponse,
  addLearner,
  removeLearner,
  proposeConfig,
  leaveJoint,
  stepDownRemoved,
};

/** One atomic action of raft.tla at server i through the table h; null if it is not enabled. */
export function step(h: Handlers, i: NodeId, s: Server, x: RaftInput, c: RaftConfig): RaftStep | null {
  switch (x.type) {
    case 'Receive':
      return receive(h, s, x.m, c);
    case 'Timeout':
      return h.timeout(s, i, c);
    case 'StartElection':
      return h.startElection(s, i, c);
    case 'RequestVote':
      return h.requestVote(s, i, x.j, c);
    case 'BecomeLeader':
      return h.becomeLeader(s, i, c);
    case 'ClientRequest':
      return h.clientRequest(s, i, x.v, c);
    case 'AdvanceCommitIndex':
      return h.advanceCommitIndex(s, i, c);
    case 'CheckLeaderQuorum':
      return h.checkLeaderQuorum(s, i, c);
    case 'AppendEntries':
      return h.appendEntries(s, i, x.j, c);
    case 'TransferLeadership':
      return h.transferLeadership(s, i, x.j, c);
    case 'TakeSnapshot':
      return h.takeSnapshot(s, i, c);
    case 'InstallSnapshot':
      return h.installSnapshot(s, i, x.j, c);
    case 'ApplyCommitted':
      return h.applyCommitted(s, i, c);
    case 'AddLearner':
      return h.addLearner(s, i, x.j, c);
    case 'RemoveLearner':
      return h.removeLearner(s, i, x.j, c);
    case 'ProposeConfig':
      return h.proposeConfig(s, i, x.v, c);
    case 'LeaveJoint':
      return h.leaveJoint(s, i, c);
    case 'StepDownRemoved':
      return h.stepDownRemoved(s, i, c);
    case 'Tick':
      return h.tick(s, i, c);
    case 'ReadIndexStart':
      return h.readIndexStart(s, i, x.acked, c);
    case 'ReadIndexConfirm':
      return h.readIndexConfirm(s, i, x.j, c);
    case 'ReadIndexAnswer':
      return h.readIndexAnswer(s, i, c);
  }
}
