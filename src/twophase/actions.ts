// The actions of TwoPhase.tla at one node, one function each: guards first, then the new state and
// the messages sent.
import { setAdd, type Step } from '../core/index.ts';
import { TM, type RM, type TwoPhaseConfig, type TwoPhaseMessage, type TwoPhaseNode } from './types.ts';

type Result = Step<TwoPhaseNode, TwoPhaseMessage> | null;
const toAll = (c: TwoPhaseConfig, type: 'Commit' | 'Abort'): TwoPhaseMessage[] => c.rms.map((r) => ({ type, source: TM, dest: r }));

/** RMPrepare(r): a working resource manager prepares and tells the manager. */
export function rmPrepare(r: RM, s: TwoPhaseNode): Result {
  if (s.type !== 'RM' || s.rmState !== 'working') return null;
  return { state: { type: 'RM', rmState: 'prepared' }, send: [{ type: 'Prepared', source: r, dest: TM }] };
}

/** RMChooseToAbort(r): a working resource manager aborts on its own. */
export function rmChooseToAbort(s: TwoPhaseNode): Result {
  if (s.type !== 'RM' || s.rmState !== 'working') return null;
  return { state: { type: 'RM', rmState: 'aborted' }, send: [] };
}

/** TMRcvPrepared(r): the manager, still deciding, records that r is prepared. */
export function tmRcvPrepared(s: TwoPhaseNode, r: RM): Result {
  if (s.type !== 'TM' || s.tmState !== 'init') return null;
  return { state: { ...s, tmPrepared: setAdd(s.tmPrepared, r) }, send: [] };
}

/** TMCommit: the manager commits once every resource manager is prepared. */
export function tmCommit(s: TwoPhaseNode, c: TwoPhaseConfig): Result {
  if (s.type !== 'TM' || s.tmState !== 'init' || s.tmPrepared.length !== c.rms.length) return null;
  return { state: { ...s, tmState: 'committed' }, send: toAll(c, 'Commit') };
}

/** TMAbort: the manager, still deciding, aborts. */
export function tmAbort(s: TwoPhaseNode, c: TwoPhaseConfig): Result {
  if (s.type !== 'TM' || s.tmState !== 'init') return null;
  return { state: { ...s, tmState: 'aborted' }, send: toAll(c, 'Abort') };
}

/** RMRcvCommitMsg(r) and RMRcvAbortMsg(r): a resource manager learns the decision. */
export function rmRcvDecision(s: TwoPhaseNode, m: TwoPhaseMessage): Result {
  if (s.type !== 'RM' || m.type === 'Prepared') return null;
  return { state: { type: 'RM', rmState: m.type === 'Commit' ? 'committed' : 'aborted' }, send: [] };
}
