// The TLA+ type of each node variable and of a message (core/shape.ts), for traces written as ITF or
// TLA+; null is spec/BasicPaxos.tla's Nil.
import type { NodeShape, Schema } from '../core/index.ts';
import type { Ballot, BpMessage, Node, Vote } from './types.ts';

const ballot: Schema<Ballot> = { fields: { proposer: 'name' } };
const vote: Schema<Vote> = { fields: { bal: ballot, val: 'name' } };

const message: Schema<BpMessage> = {
  cases: {
    Prepare: { fields: { source: 'name', dest: 'name', bal: ballot } },
    Promise: { fields: { source: 'name', dest: 'name', bal: ballot, accepted: vote } },
    Nack: { fields: { source: 'name', dest: 'name', bal: ballot, higher: ballot } },
    Accept: { fields: { source: 'name', dest: 'name', bal: ballot, val: 'name' } },
    Accepted: { fields: { source: 'name', dest: 'name', bal: ballot, val: 'name' } },
  },
};

export const shape: NodeShape<Node, BpMessage> = {
  variables: {
    role: 'plain', ballot, value: 'name', phase: 'plain', promises: { set: 'name' }, highest: vote, proposal: 'name',
    promised: ballot, accepted: vote,
    votes: { set: { fields: { bal: ballot, val: 'name', acc: 'name' } } }, learned: { set: 'name' },
  },
  message,
  nil: 'Nil',
};
