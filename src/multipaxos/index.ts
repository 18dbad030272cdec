// Multi-Paxos as replicas (proposer, acceptor, learner and state machine each): the protocol and the
// `check multipaxos` entry of the CLI.
import { nodeCheckable, type Checkable } from '../core/index.ts';
import { constants, parse, settings } from './config.ts';
import { multiPaxosWith } from './protocol.ts';
import { handlers } from './step.ts';
import { variants } from './variants/index.ts';

export type * from './types.ts';
export type { MpGlobal } from './invariants.ts';
export type { MultiPaxosProtocol } from './protocol.ts';
export { constraint, durable, multiPaxosWith } from './protocol.ts';
export { handlers } from './step.ts';
export { variants } from './variants/index.ts';
export { actionProperties, invariants } from './invariants.ts';
export { witnesses } from './witnesses.ts';
export { constants, parse as parseConfig, settings } from './config.ts';

export const multiPaxosProtocol = multiPaxosWith(handlers, 'multipaxos');

export const multipaxos: Checkable = nodeCheckable({
  name: 'multipaxos',
  summary: 'Multi-Paxos: a leader runs Phase 1 once for all slots, then Phase 2 per command; replicas execute in slot order',
  constants,
  variants,
  handlers,
  protocolWith: multiPaxosWith,
  parse,
  settings,
});
export { ACCEPT_WINDOW, durableOf, multiPaxosRuntime, runtimeConfig } from './runtime.ts';
export type { MpRuntime } from './runtime.ts';
