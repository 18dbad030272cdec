// The broken variants, by name (ongardie's sibling-module style: each swaps one handler). This list
// is the one place a variant is registered: `check raft --variant`, `--help` and the tests read it.
import type { RaftVariant } from '../types.ts';
import { appendWithoutLogCheck } from './appendWithoutLogCheck.ts';
import { commitPreviousTerm } from './commitPreviousTerm.ts';
import { discardLogOnInstallSnapshot } from './discardLogOnInstallSnapshot.ts';
import { expireByLocalTime } from './expireByLocalTime.ts';
import { forgetVoteOnRestart } from './forgetVoteOnRestart.ts';
import { installSnapshotFromStaleTerm } from './installSnapshotFromStaleTerm.ts';
import { learnerAcks } from './learnerAcks.ts';
import { learnerVotes } from './learnerVotes.ts';
import { noJointPhase } from './noJointPhase.ts';
import { singleServerNoNoop } from './singleServerNoNoop.ts';
import { noSessionTable } from './noSessionTable.ts';
import { readWithoutConfirmation } from './readWithoutConfirmation.ts';
import { snapshotPastCommit } from './snapshotPastCommit.ts';
import { timeoutWithoutPreVote } from './timeoutWithoutPreVote.ts';
import { voteWithoutLogCheck } from './voteWithoutLogCheck.ts';

export const variants: Readonly<Record<string, RaftVariant>> = Object.fromEntries(
  [
    commitPreviousTerm, voteWithoutLogCheck, appendWithoutLogCheck, forgetVoteOnRestart,
    snapshotPastCommit, discardLogOnInstallSnapshot, installSnapshotFromStaleTerm, noSessionTable,
    timeoutWithoutPreVote, noJointPhase, singleServerNoNoop, learnerAcks, learnerVotes,
    timeoutWithoutPreVote, readWithoutConfirmation, expireByLocalTime,
  ].map((v) => [v.name, v]),
);
