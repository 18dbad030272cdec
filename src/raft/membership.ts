// Configurations of spec/RaftMembership.tla (Raft §6, thesis ch. 4): a server uses the latest
// configuration entry in its log, committed or not; quorums are majorities of C_new and of C_old.
import { committedIndex, isMajority, type NodeId } from '../core/index.ts';
import { snapshotIndex, termOf } from './log.ts';
import type { Configuration, Entry, RaftAction, RaftConfig, Server, Value } from './types.ts';

/** Spec `IsConfigValue(x)`: a log value that is a configuration (clients' values are never records with `voters`). */
export function isConfigValue(x: Value): x is Configuration {
  return typeof x === 'object' && x !== null && Array.isArray((x as Configuration).voters) && Array.isArray((x as Configuration).old);
}

/** Spec `InitConfig`: the configuration before any entry (cluster.json's, at runtime). */
export function initConfig(c: RaftConfig): Configuration {
  const m = c.membership;
  return m === undefined ? { voters: c.servers, old: c.servers, learners: [] } : { voters: m.voters, old: m.voters, learners: m.learners };
}

/** Spec `ConfigIndex(i)`: the position of the last configuration entry in the log array, 0 if none. */
export function configIndex(log: readonly Entry[]): number {
  for (let k = log.length; k >= 1; k -= 1) if (isConfigValue((log[k - 1] as Entry).value)) return k;
  return 0;
}

/** `ConfigIndex(i)` of s's log array: the composition root's memo of `configIndex` if it gives one (src/runtime/memo.ts), else the scan. */
export function lastConfig(s: Server, c: RaftConfig): number {
  return c.membership?.configIndex?.(s.log) ?? configIndex(s.log);
}

/** The configuration a snapshot holds: its last configuration value (Raft §7: the snapshot records the latest one), or null. */
export function snapshotConfig(s: Server): Configuration | null {
  const xs = s.snapshot?.state ?? [];
  for (let k = xs.length - 1; k >= 0; k -= 1) if (isConfigValue(xs[k] as Value)) return xs[k] as Configuration;
  return null;
}

/** Spec `ConfigOf(i)`: the latest configuration in i's log, committed or not (§6), else the snapshot's, else InitConfig. */
export function configOf(s: Server, c: RaftConfig): Configuration {
  const k = c.membership?.inForceOnCommit === true ? configIndex(s.log.slice(0, Math.max(0, s.commitIndex - snapshotIndex(s)))) : lastConfig(s, c);
  return k === 0 ? (snapshotConfig(s) ?? initConfig(c)) : ((s.log[k - 1] as Entry).value as Configuration);
}

/** Spec `IsJoint(cfg)`: C_old,new is in force. */
export function isJoint(x: Configuration): boolean {
  return x.old.length !== x.voters.length || x.old.some((j) => !x.voters.includes(j));
}

/** Spec `IsQuorum(i, Q)`: a majority of C_new and of C_old of i's configuration; learners never count. */
export function isQuorum(s: Server, c: RaftConfig, q: readonly NodeId[]): boolean {
  if (c.membership === undefined) return isMajority(c.servers, q);
  const x = configOf(s, c);
  return isMajority(x.voters, q) && isMajority(x.old, q);
}

/** The largest index a quorum of i's configuration holds, given each server's match index (joint: the smaller of C_new's and C_old's). */
export function quorumIndex(s: Server, c: RaftConfig, match: (j: NodeId) => number): number {
  if (c.membership === undefined) return committedIndex(c.servers, match);
  const x = configOf(s, c);
  return Math.min(committedIndex(x.voters, match), committedIndex(x.old, match));
}

/** Spec `IsVoter(i, j)`: j votes in i's configuration (C_new or C_old); everyone without membership change. */
export function isVoter(s: Server, c: RaftConfig, j: NodeId): boolean {
  if (c.membership === undefined) return true;
  const x = configOf(s, c);
  return x.voters.includes(j) || x.old.includes(j);
}

/** Spec `IsMember(i, j)`: j is a voter or a learner of i's configuration: the leader replicates to it. */
export function isMember(s: Server, c: RaftConfig, j: NodeId): boolean {
  return isVoter(s, c, j) || (c.membership !== undefined && configOf(s, c).learners.includes(j));
}

/** Spec `NumConfigs(i)`: configuration entries in i's log. */
export function numConfigs(log: readonly Entry[]): number {
  let n = 0;
  for (const e of log) if (isConfigValue(e.value)) n += 1;
  return n;
}

/** Spec `ConfigCommitted(i)`: i knows its latest configuration entry to be committed (one change at a time). */
export function configCommitted(s: Server, c: RaftConfig): boolean {
  const k = lastConfig(s, c);
  return k === 0 || snapshotIndex(s) + k <= s.commitIndex; // a snapshot holds only committed entries
}

/** Spec `CommittedInTerm(i)`: i has committed an entry of its current term (thesis §4.1's fix, Ongaro 2015). */
export function committedInTerm(s: Server): boolean {
  return s.commitIndex >= 1 && termOf(s, s.commitIndex) === s.currentTerm;
}

/** A configuration for traces: `{voters}` or `{voters}<-{old}` when joint, `+{learners}`. */
export function showConfig(x: Configuration): string {
  const set = (xs: readonly NodeId[]): string => `{${xs.join(',')}}`;
  return `C${set(x.voters)}${isJoint(x) ? `<-${set(x.old)}` : ''}${x.learners.length > 0 ? `+${set(x.learners)}` : ''}`;
}

/** The internal actions of membership change at a server, in spec order (after ServerNext's). */
export function membershipActions(c: RaftConfig): readonly RaftAction[] {
  const m = c.membership;
  if (m === undefined) return [];
  return [
    ...c.servers.map((j): RaftAction => ({ type: 'AddLearner', j })),
    ...m.removals.map((j): RaftAction => ({ type: 'RemoveLearner', j })),
    ...m.targets.map((v): RaftAction => ({ type: 'ProposeConfig', v })),
    { type: 'LeaveJoint' },
    { type: 'StepDownRemoved' },
  ];
}
