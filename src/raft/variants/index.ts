// The broken variants, by name (ongardie's sibling-module style: each swaps one handler).
import type { RaftVariant } from '../types.ts';
import { appendWithoutLogCheck } from './appendWithoutLogCheck.ts';
import { commitPreviousTerm } from './commitPreviousTerm.ts';
import { forgetVoteOnRestart } from './forgetVoteOnRestart.ts';
import { voteWithoutLogCheck } from './voteWithoutLogCheck.ts';

export const variants: Readonly<Record<string, RaftVariant>> = {
  [commitPreviousTerm.name]: commitPreviousTerm,
  [voteWithoutLogCheck.name]: voteWithoutLogCheck,
  [appendWithoutLogCheck.name]: appendWithoutLogCheck,
  [forgetVoteOnRestart.name]: forgetVoteOnRestart,
};
