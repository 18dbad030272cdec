// The broken variants, by name.
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
