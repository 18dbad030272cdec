// Multi-Paxos as replicas (proposer, acceptor, learner and state machine each): the protocol and the
// `check multipaxos` entry of the CLI.
import { UsageError, type Checkable, type Message, type NodeProtocol, type Tagged } from '../core/index.ts';
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

export const multipaxos: Checkable = {
  name: 'multipaxos',
  summary: 'Multi-Paxos: a leader runs Phase 1 once for all slots, then Phase 2 per command; replicas execute in slot order',
  constants,
  variants,
  build(values, variant) {
    const { config, network } = parse(values);
    let protocol = multiPaxosProtocol;
    if (variant !== null) {
      const v = variants[variant];
      if (v === undefined) throw new UsageError(`unknown variant '${variant}' for multipaxos (expected: ${Object.keys(variants).join(', ')})`);
      protocol = multiPaxosWith({ ...handlers, ...v.replaces }, `multipaxos/${v.name}`);
    }
    return { kind: 'node', protocol: protocol as unknown as NodeProtocol<unknown, unknown, Tagged, Message>, config, network, settings: settings(config, network) };
  },
};
