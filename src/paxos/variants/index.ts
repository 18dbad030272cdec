// The broken variants, by name. This list is the one place a variant is registered: `check paxos
// --variant`, `--help` and the tests read it.
import { minorityQuorums } from './minorityQuorums.ts';
import { phase1bForgetsVote } from './phase1bForgetsVote.ts';
import { phase2aAnyValue } from './phase2aAnyValue.ts';
import { phase2bIgnoresPromise } from './phase2bIgnoresPromise.ts';
import { twoProposalsPerBallot } from './twoProposalsPerBallot.ts';
import type { PaxosVariant } from './types.ts';

export type { PaxosVariant } from './types.ts';

export const variants: Readonly<Record<string, PaxosVariant>> = Object.fromEntries(
  [phase2aAnyValue, phase2bIgnoresPromise, minorityQuorums, twoProposalsPerBallot, phase1bForgetsVote].map((v) => [v.name, v]),
);
