// The TLA+ type of each replica variable and of a message (core/shape.ts), for traces written as ITF
// or TLA+; null is spec/MultiPaxos.tla's Nil. A command is a record, `noop` a string.
import type { NodeShape, Schema } from '../core/index.ts';
import type { Ack, Ballot, MpMessage, Replica, SlotVote } from './types.ts';

const ballot: Schema<Ballot> = { fields: { leader: 'name' } };
const slotVote: Schema<SlotVote> = { fields: { bal: ballot } };
const ack: Schema<Ack> = { fields: { bal: ballot, acc: 'name' } };

const message: Schema<MpMessage> = {
  cases: {
    Prepare: { fields: { source: 'name', dest: 'name', bal: ballot } },
    Promise: { fields: { source: 'name', dest: 'name', bal: ballot, accepted: { set: slotVote } } },
    Nack: { fields: { source: 'name', dest: 'name', bal: ballot, higher: ballot } },
    Accept: { fields: { source: 'name', dest: 'name', bal: ballot } },
    Accepted: { fields: { source: 'name', dest: 'name', bal: ballot } },
    CatchUpRequest: { fields: { source: 'name', dest: 'name' } },
    CatchUpReply: { fields: { source: 'name', dest: 'name', decided: { set: 'plain' } } },
    HandOff: { fields: { source: 'name', dest: 'name', bal: ballot } },
  },
};

export const shape: NodeShape<Replica, MpMessage> = {
  variables: {
    ballot, role: 'plain', base: 'plain', promises: { set: 'name' }, reported: { set: slotVote }, proposals: { set: 'plain' },
    promised: ballot, accepted: { set: slotVote }, acks: { set: ack }, decided: { set: 'plain' }, executed: 'plain', applied: { seq: 'plain' },
  },
  message,
  nil: 'Nil',
};
