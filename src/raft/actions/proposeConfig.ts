// ProposeConfig(i, v) — spec/RaftMembership.tla; Raft §6 (joint: append C_old,new) and thesis §4.1
// (single: v differs by one server, and only once i has committed an entry of its term). A client asks
// leader i for the voters v; new voters must be caught-up learners; removed voters leave the cluster.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { committedInTerm, configCommitted, configOf, isJoint, numConfigs } from '../membership.ts';
import type { Configuration, RaftConfig, RaftStep, Server } from '../types.ts';

export function proposeConfig(s: Server, i: NodeId, v: readonly NodeId[], c: RaftConfig): RaftStep | null {
  const x = requestable(s, i, v, c);
  if (x === null) return null;
  const learners = x.learners.filter((j) => !v.includes(j));
  if (c.membership?.mode === 'joint') return appendConfig(s, { voters: v, old: x.voters, learners });
  if (changed(x, v) !== 1 || !committedInTerm(s)) return null; // single: one server; the leader's own entry first
  return appendConfig(s, { voters: v, old: v, learners });
}

/** The guard shared with the broken variants: i leads, its last change is committed, v is a new set of caught-up members. */
export function requestable(s: Server, _i: NodeId, v: readonly NodeId[], c: RaftConfig): Configuration | null {
  const m = c.membership;
  if (m === undefined || s.state !== 'Leader') return null;
  if (!configCommitted(s, c) || numConfigs(s.log) >= m.maxChanges) return null; // one change at a time, MaxConfigChanges
  const x = configOf(s, c);
  if (isJoint(x) || changed(x, v) === 0) return null;
  // New voters are learners that hold every entry the leader knows committed (the catch-up bound).
  for (const j of v) if (!x.voters.includes(j) && (!x.learners.includes(j) || (s.matchIndex[j] ?? 0) < s.commitIndex)) return null;
  return x;
}

/** Servers added to or removed from the voters. */
export function changed(x: Configuration, v: readonly NodeId[]): number {
  return v.filter((j) => !x.voters.includes(j)).length + x.voters.filter((j) => !v.includes(j)).length;
}

/** Spec `AppendConfig(i, x)`: the configuration entry appended to the leader's log, in force at once (§6). */
export function appendConfig(s: Server, x: Configuration): RaftStep {
  return { state: produce(s, (d) => { d.log.push({ term: s.currentTerm, value: x }); }), send: [] };
}
