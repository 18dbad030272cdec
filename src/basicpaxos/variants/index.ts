// The broken variants, by name (each swaps handler-table entries). The one place a variant is registered:
// `check basicpaxos --variant`, `--help` and the tests read it.
import type { BpVariant } from '../types.ts';
import { forgetPromiseOnRestart } from './forgetPromiseOnRestart.ts';
import { ignoreReportedVote } from './ignoreReportedVote.ts';
import { onePhase } from './onePhase.ts';
import { roundOnlyBallots } from './roundOnlyBallots.ts';

export const variants: Readonly<Record<string, BpVariant>> = Object.fromEntries(
  [onePhase, ignoreReportedVote, forgetPromiseOnRestart, roundOnlyBallots].map((v) => [v.name, v]),
);
