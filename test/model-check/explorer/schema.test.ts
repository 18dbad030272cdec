// A symmetry schema is typed by the value it describes: a wrong declaration does not compile.
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../../src/core/index.ts';
import type { RaftMessage, Server } from '../../../src/raft/index.ts';

describe('Schema (symmetry as data)', () => {
  it('refuses a name where no string fits, an unknown field, and a missing message type', () => {
    // @ts-expect-error currentTerm is a number: it cannot hold a server name
    const term: Schema<Server> = { fields: { currentTerm: 'name' } };
    // @ts-expect-error Server has no field leader
    const unknown: Schema<Server> = { fields: { leader: 'name' } };
    // @ts-expect-error every message type must be declared, TimeoutNowRequest included
    const missing: Schema<RaftMessage> = { cases: { RequestVoteRequest: 'plain', RequestVoteResponse: 'plain', AppendEntriesRequest: 'plain', AppendEntriesResponse: 'plain' } };
    const fine: Schema<Server> = { fields: { votedFor: 'name', votesGranted: { set: 'name' }, nextIndex: { record: 'plain' } } };
    expect([term, unknown, missing, fine]).toHaveLength(4);
  });
});
