// Basic Paxos as proposers, acceptors and learners (spec/BasicPaxos.tla): the protocol and the
// `check basicpaxos` entry of the CLI.
import { nodeCheckable, type Checkable } from '../core/index.ts';
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
export { ballotNumber, maxBallot, paxosMessage, toPaxos } from './refinement.ts';
export type { PaxosImage, PaxosMessage } from './refinement.ts';
export { constants, parse as parseConfig, settings } from './config.ts';

/** The correct protocol. */
export const basicPaxosProtocol = basicPaxosWith(handlers, 'basicpaxos');

export const basicpaxos: Checkable = nodeCheckable({
  name: 'basicpaxos',
  summary: 'Basic Paxos as proposers, acceptors and learners exchanging messages over a bag network with drop, duplicate and restart',
  constants,
  variants,
  handlers,
  protocolWith: basicPaxosWith,
  parse,
  settings,
});
