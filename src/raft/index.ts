// Raft (Ongaro's raft.tla) as node-local pure handlers: the protocol, its runtime drive, and the
// `check raft` entry of the CLI.
import { UsageError, type Checkable, type Global, type Message, type NodeProtocol, type Tagged } from '../core/index.ts';
import { constants, parse, settings } from './config.ts';
import { raftWith } from './protocol.ts';
import { handlers } from './step.ts';
import type { RaftMessage, Server } from './types.ts';
import { variants } from './variants/index.ts';

export type * from './types.ts';
/** What Raft's invariants see: every server's variables and the messages in flight. */
export type RaftGlobal = Global<Server, RaftMessage>;
export type { RaftProtocol } from './protocol.ts';
export { drive } from './drive.ts';
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

export const raft: Checkable = {
  name: 'raft',
  summary: "Raft after Ongaro's raft.tla: node-local handlers over a bag network with drop, duplicate and restart",
  constants,
  variants,
  build(values, variant) {
    const { config, network } = parse(values);
    let protocol = raftProtocol;
    if (variant !== null) {
      const v = variants[variant];
      if (v === undefined) throw new UsageError(`unknown variant '${variant}' for raft (expected: ${Object.keys(variants).join(', ')})`);
      protocol = raftWith({ ...handlers, ...v.replaces }, `raft/${v.name}`);
    }
    return {
      kind: 'node',
      protocol: protocol as unknown as NodeProtocol<unknown, unknown, Tagged, Message>,
      config,
      network,
      settings: settings(config, network),
    };
  },
};
