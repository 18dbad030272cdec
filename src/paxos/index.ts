// Single-decree Paxos at the level of Lamport's Paxos.tla, as the CLI sees it: constants, variants,
// and a builder of the Model.
import { UsageError, type Checkable, type Model, type Tagged } from '../core/index.ts';
import { majorities, parseConstants } from './constants.ts';
import { paxosModel } from './model.ts';
import { actions } from './next.ts';
import type { Constants } from './types.ts';
import { variants } from './variants/index.ts';

export type { Acceptor, Action, Ballot, Constants, Message, Msg1a, Msg1b, Msg2a, Msg2b, PaxosState, Quorum, Value } from './types.ts';
export type { Actions } from './next.ts';
export type { PaxosVariant } from './variants/index.ts';
export { paxosModel } from './model.ts';
export { actions } from './next.ts';
export { parseConstants, majorities } from './constants.ts';
export type { Flags, QuorumRules } from './constants.ts';
export { invariants } from './invariants.ts';
export { witnesses } from './witnesses.ts';
export { chosen, chosenAt, votedFor } from './voting.ts';
export { compare as compareMessages } from './msgs.ts';
export { variants } from './variants/index.ts';

export const paxos: Checkable = {
  name: 'paxos',
  summary: "single-decree Paxos as in Lamport's Paxos.tla (Phase1a, Phase1b, Phase2a, Phase2b over the set msgs)",
  constants: [
    { flag: 'acceptors', constant: 'Acceptor', description: 'a count N (a1..aN) or a list like a1,a2,a3', default: '3' },
    { flag: 'values', constant: 'Value', description: 'a count N (v1..vN) or a list like v1,v2', default: '2' },
    { flag: 'ballots', constant: 'MaxBallot', description: 'the highest ballot: Ballot = 0..N', default: '1' },
    { flag: 'quorums', constant: 'Quorum', description: "'majority' or a list like a1,a2;a2,a3;a1,a3", default: 'majority' },
  ],
  variants,
  build(values, variant) {
    const v = variant === null ? null : variants[variant];
    if (v === undefined) throw new UsageError(`unknown variant '${variant}' for paxos (expected: ${Object.keys(variants).join(', ')})`);
    const flag = (k: string) => values[k] ?? (paxos.constants.find((x) => x.flag === k)?.default as string);
    const c = parseConstants(
      { acceptors: flag('acceptors'), values: flag('values'), ballots: flag('ballots'), quorums: flag('quorums') },
      v?.quorums === undefined ? { system: majorities, disjoint: false } : { system: v.quorums, disjoint: true },
    );
    const model = paxosModel(c, { ...actions, ...v?.replaces });
    return { kind: 'model', model: model as unknown as Model<unknown, Tagged>, settings: settings(c) };
  },
};

/** One line: the constants as TLA+ would write them. */
export function settings(c: Constants): string {
  const set = (xs: readonly string[]) => `{${xs.join(', ')}}`;
  const all = majorities(c.acceptors);
  const quorums =
    all.length === c.quorums.length && all.every((Q, k) => Q.join() === c.quorums[k]?.join())
      ? `all ${all.length} majorities`
      : `{${c.quorums.map(set).join(', ')}}`;
  return `Acceptor = ${set(c.acceptors)}, Value = ${set(c.values)}, Ballot = 0..${c.maxBallot}, Quorum = ${quorums}`;
}
