// Raft (Ongaro's raft.tla) as node-local pure handlers: the protocol, its runtime adapter, and the
// `check raft` entry of the CLI.
import { nodeCheckable, type Checkable, type Global } from '../core/index.ts';
import { constants, parse, settings } from './config.ts';
import { raftWith } from './protocol.ts';
import { handlers } from './step.ts';
import type { RaftMessage, Server } from './types.ts';
import { variants } from './variants/index.ts';

export type * from './types.ts';
/** What Raft's invariants see: every server's variables and the messages in flight. */
export type RaftGlobal = Global<Server, RaftMessage>;
export type { RaftProtocol } from './protocol.ts';
export { durableOf, raftRuntime } from './runtime.ts';
export type { RaftRuntime } from './runtime.ts';
export { durable } from './durable.ts';
export type { Durable } from './durable.ts';
export { constraint, raftWith } from './protocol.ts';
export { handlers } from './step.ts';
export { variants } from './variants/index.ts';
export { actionProperties, invariants } from './invariants.ts';
export { witnesses } from './witnesses.ts';
export { constants, parse as parseConfig, runtimeConfig, settings, unbounded } from './config.ts';

/** The correct protocol. */
export const raftProtocol = raftWith(handlers, 'raft');

export const raft: Checkable = nodeCheckable({
  name: 'raft',
  summary: "Raft after Ongaro's raft.tla: node-local handlers over a bag network with drop, duplicate and restart",
  constants,
  variants,
  handlers,
  protocolWith: raftWith,
  parse,
  settings,
});
