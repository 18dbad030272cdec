// The variables and messages of two-phase commit (after Gray and Lamport's TwoPhase.tla), one
// node's share each: a resource manager's rmState, the transaction manager's tmState and tmPrepared.

/** A resource manager, e.g. `rm1`; the transaction manager is `tm`. */
export type RM = string;

export type RMState = 'working' | 'prepared' | 'committed' | 'aborted';
export type TMState = 'init' | 'committed' | 'aborted';

/** A node's variables: a resource manager's or the transaction manager's. */
export type TwoPhaseNode =
  | { readonly type: 'RM'; readonly rmState: RMState }
  | { readonly type: 'TM'; readonly tmState: TMState; readonly tmPrepared: readonly RM[] };

/** TwoPhase.tla's messages, with sender and recipient. */
export type TwoPhaseMessage = { readonly type: 'Prepared' | 'Commit' | 'Abort'; readonly source: string; readonly dest: string };

/** The internal actions: a resource manager's RMPrepare, RMChooseToAbort; the manager's TMCommit, TMAbort. */
export type TwoPhaseAction = { readonly type: 'RMPrepare' | 'RMChooseToAbort' | 'TMCommit' | 'TMAbort' };

/** The constant `RM`. */
export interface TwoPhaseConfig {
  readonly rms: readonly RM[];
}

export const TM = 'tm';
