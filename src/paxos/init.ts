// Init — Paxos.tla: no acceptor has joined or voted in any ballot, and no message has been sent.
import type { Constants, PaxosState } from './types.ts';

export function init(c: Constants): PaxosState {
  return {
    maxBal: Object.fromEntries(c.acceptors.map((a) => [a, -1])),
    maxVBal: Object.fromEntries(c.acceptors.map((a) => [a, -1])),
    maxVal: Object.fromEntries(c.acceptors.map((a) => [a, null])),
    msgs: [],
  };
}
