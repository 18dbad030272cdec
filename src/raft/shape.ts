// The TLA+ type of each variable of spec/Raft.tla and of a message (core/shape.ts), for traces
// written as ITF or TLA+; symmetry.ts reads the same declaration for where server names occur.
import type { NodeShape, Schema } from '../core/index.ts';
import type { Entry, RaftMessage, Server } from './types.ts';

/** A log: a sequence of [term, value] records. */
export const log: Schema<readonly Entry[]> = { seq: { fields: { value: 'name' } } };

const message: Schema<RaftMessage> = {
  cases: {
    PreVoteRequest: { fields: { source: 'name', dest: 'name' } },
    PreVoteResponse: { fields: { source: 'name', dest: 'name' } },
    RequestVoteRequest: { fields: { source: 'name', dest: 'name' } },
    RequestVoteResponse: { fields: { source: 'name', dest: 'name', log } },
    AppendEntriesRequest: { fields: { source: 'name', dest: 'name', entries: log, log } },
    AppendEntriesResponse: { fields: { source: 'name', dest: 'name' } },
    TimeoutNowRequest: { fields: { source: 'name', dest: 'name' } },
    InstallSnapshotRequest: { fields: { source: 'name', dest: 'name', state: { seq: 'name' } } },
    ReadIndexRequest: { fields: { source: 'name', dest: 'name' } },
    ReadIndexResponse: { fields: { source: 'name', dest: 'name' } },
  },
};

export const shape: NodeShape<Server, RaftMessage> = {
  variables: {
    currentTerm: 'plain', state: 'plain', votedFor: 'name', log, commitIndex: 'plain',
    votesResponded: { set: 'name' }, votesGranted: { set: 'name' }, nextIndex: { record: 'plain' }, matchIndex: { record: 'plain' },
    restarts: 'plain', snapshot: { fields: { state: { seq: 'name' } } }, sm: 'plain', heardFromLeader: 'plain', heardFrom: { set: 'name' },
    read: { fields: { acks: { set: 'name' } } }, acknowledged: 'plain', clock: 'plain',
  },
  message,
  nil: 'Nil',
};
