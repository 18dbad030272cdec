// Builders for Paxos states in unit tests: three acceptors, everything initial unless given.
import { init } from '../../../src/paxos/init.ts';
import { send } from '../../../src/paxos/msgs.ts';
import type { Acceptor, Ballot, Constants, Message, PaxosState, Value } from '../../../src/paxos/index.ts';
import { majorities } from '../../../src/paxos/index.ts';

export const c3: Constants = { acceptors: ['a1', 'a2', 'a3'], values: ['v1', 'v2'], maxBallot: 2, quorums: majorities(['a1', 'a2', 'a3']) };

export function state(over: {
  maxBal?: Partial<Record<Acceptor, Ballot>>;
  maxVBal?: Partial<Record<Acceptor, Ballot>>;
  maxVal?: Partial<Record<Acceptor, Value | null>>;
  msgs?: readonly Message[];
} = {}): PaxosState {
  const s = init(c3);
  return {
    maxBal: { ...s.maxBal, ...over.maxBal } as Record<Acceptor, Ballot>,
    maxVBal: { ...s.maxVBal, ...over.maxVBal } as Record<Acceptor, Ballot>,
    maxVal: { ...s.maxVal, ...over.maxVal } as Record<Acceptor, Value | null>,
    msgs: (over.msgs ?? []).reduce(send, [] as readonly Message[]),
  };
}

export const m1a = (bal: Ballot): Message & { type: '1a' } => ({ type: '1a', bal });
export const m1b = (acc: Acceptor, bal: Ballot, mbal: Ballot = -1, mval: Value | null = null): Message & { type: '1b' } => ({
  type: '1b', acc, bal, mbal, mval,
});
export const m2a = (bal: Ballot, val: Value): Message & { type: '2a' } => ({ type: '2a', bal, val });
export const m2b = (acc: Acceptor, bal: Ballot, val: Value): Message & { type: '2b' } => ({ type: '2b', acc, bal, val });
