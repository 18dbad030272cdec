// The TLA+ type of each replica variable and of a message (core/shape.ts), for traces written as ITF
// or TLA+; null is spec/MultiPaxos.tla's Nil. A value is a command (a record) or `noop`, a model value
// (the spec's Noop: the TLA+ export renames it).
import type { NodeShape, Schema } from '../core/index.ts';
import type { Ack, Ballot, MpMessage, Replica, SlotVote } from './types.ts';

const ballot: Schema<Ballot> = { fields: { leader: 'name' } };
const slotVote: Schema<SlotVote> = { fields: { bal: ballot, val: 'name' } };
const ack: Schema<Ack> = { fields: { bal: ballot, acc: 'name', val: 'name' } };
const slotValue = { fields: { val: 'name' } } as const;

const message: Schema<MpMessage> = {
  cases: {
    Prepare: { fields: { source: 'name', dest: 'name', bal: ballot } },
    Promise: { fields: { source: 'name', dest: 'name', bal: ballot, accepted: { set: slotVote } } },
    Nack: { fields: { source: 'name', dest: 'name', bal: ballot, higher: ballot } },
    Accept: { fields: { source: 'name', dest: 'name', bal: ballot, val: 'name' } },
    Accepted: { fields: { source: 'name', dest: 'name', bal: ballot, val: 'name' } },
    CatchUpRequest: { fields: { source: 'name', dest: 'name' } },
    CatchUpReply: { fields: { source: 'name', dest: 'name', decided: { set: slotValue } } },
    HandOff: { fields: { source: 'name', dest: 'name', bal: ballot } },
  },
};

export const shape: NodeShape<Replica, MpMessage> = {
  variables: {
    ballot, role: 'plain', base: 'plain', promises: { set: 'name' }, reported: { set: slotVote }, proposals: { set: slotValue },
    promised: ballot, accepted: { set: slotVote }, acks: { set: ack }, decided: { set: slotValue }, executed: 'plain', applied: { seq: 'plain' },
  },
  message,
  nil: 'Nil',
};
