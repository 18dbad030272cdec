// Client sessions of the model (Raft thesis §6.3): the commands clients may send, and the initial
// state machine with an empty session table.
import { NO_SESSION } from './sessionExpiry.ts';
import type { Command, RaftConfig, Session, StateMachine, Value } from './types.ts';

/** Spec `Values`: what ClientRequest may append: with sessions every client's commands 1..maxSeq, else `Value`. */
export function valuesOf(c: RaftConfig): readonly Value[] {
  const s = c.sessions;
  if (s === undefined) return c.values;
  return s.clients.flatMap((client) => Array.from({ length: s.maxSeq }, (_, k): Command => ({ client, seq: k + 1 })));
}

/** `[lastApplied |-> 0, applied |-> << >>, sessions |-> [c \in Client |-> [seq |-> 0, response |-> 0]]]`. */
export function emptyStateMachine(c: RaftConfig): StateMachine {
  const sessions: Record<string, Session> = {};
  const expiry = c.sessions?.expiry !== undefined;
  for (const client of c.sessions?.clients ?? []) sessions[client] = expiry ? NO_SESSION : { seq: 0, response: 0 };
  return expiry ? { lastApplied: 0, applied: [], time: 0, sessions } : { lastApplied: 0, applied: [], sessions };
}

/** Is `x` a command `{ client, seq }`? */
export function isCommand(x: unknown): x is Command {
  return typeof x === 'object' && x !== null && typeof (x as Command).client === 'string' && typeof (x as Command).seq === 'number';
}
