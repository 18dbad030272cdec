// The broken variants, by name: the one place a variant is registered.
import type { MpVariant } from '../types.ts';
import { sameBallotLeaders } from './sameBallotLeaders.ts';
import { skipPhase1 } from './skipPhase1.ts';
import { skipReproposal } from './skipReproposal.ts';

export const variants: Readonly<Record<string, MpVariant>> = Object.fromEntries(
  [skipReproposal, skipPhase1, sameBallotLeaders].map((v) => [v.name, v]),
);
