// TLC's SYMMETRY for Raft: where server names (and string values) occur in a server's variables and
// in a message. Passive servers are interchangeable only among themselves, active ones likewise;
// values form a group when their names differ from the servers'.
import type { NodeSymmetry, Schema } from '../core/index.ts';
import type { Entry, RaftConfig, RaftMessage, Server } from './types.ts';

const log: Schema<readonly Entry[]> = { seq: { fields: { value: 'name' } } };

const state: Schema<Server> = {
  fields: { votedFor: 'name', log, votesResponded: { set: 'name' }, votesGranted: { set: 'name' }, nextIndex: { record: 'plain' }, matchIndex: { record: 'plain' }, snapshot: { fields: { state: { seq: 'name' } } } },
};

const message: Schema<RaftMessage> = {
  cases: {
    RequestVoteRequest: { fields: { source: 'name', dest: 'name' } },
    RequestVoteResponse: { fields: { source: 'name', dest: 'name', log } },
    AppendEntriesRequest: { fields: { source: 'name', dest: 'name', entries: log, log } },
    AppendEntriesResponse: { fields: { source: 'name', dest: 'name' } },
    TimeoutNowRequest: { fields: { source: 'name', dest: 'name' } },
    InstallSnapshotRequest: { fields: { source: 'name', dest: 'name', state: { seq: 'name' } } },
  },
};

export const symmetry: NodeSymmetry<RaftConfig, Server, RaftMessage> = {
  state,
  message,
  groups(c) {
    const passive = c.passive ?? [];
    const active = c.servers.filter((i) => !passive.includes(i));
    const names = c.values.filter((v): v is string => typeof v === 'string' && !c.servers.includes(v));
    const values = names.length === c.values.length ? names : [];
    return [active, passive, values].filter((g) => g.length > 1);
  },
};
