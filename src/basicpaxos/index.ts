// Basic Paxos as proposers, acceptors and learners (spec/BasicPaxos.tla): the protocol and the
// `check basicpaxos` entry of the CLI.
import { UsageError, type Checkable, type Message, type NodeProtocol, type Tagged } from '../core/index.ts';
import { constants, parse, settings } from './config.ts';
import { basicPaxosWith } from './protocol.ts';
import { handlers } from './step.ts';
import { variants } from './variants/index.ts';

export type * from './types.ts';
export type { BpGlobal } from './invariants.ts';
export type { BasicPaxosProtocol } from './protocol.ts';
export { basicPaxosWith, constraint, durable } from './protocol.ts';
export { handlers } from './step.ts';
export { variants } from './variants/index.ts';
export { actionProperties, invariants, learnedValues } from './invariants.ts';
export { witnesses } from './witnesses.ts';
export { constants, parse as parseConfig, settings } from './config.ts';

/** The correct protocol. */
export const basicPaxosProtocol = basicPaxosWith(handlers, 'basicpaxos');

export const basicpaxos: Checkable = {
  name: 'basicpaxos',
  summary: 'Basic Paxos as proposers, acceptors and learners exchanging messages over a bag network with drop, duplicate and restart',
  constants,
  variants,
  build(values, variant) {
    const { config, network } = parse(values);
    let protocol = basicPaxosProtocol;
    if (variant !== null) {
      const v = variants[variant];
      if (v === undefined) throw new UsageError(`unknown variant '${variant}' for basicpaxos (expected: ${Object.keys(variants).join(', ')})`);
      protocol = basicPaxosWith({ ...handlers, ...v.replaces }, `basicpaxos/${v.name}`);
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
