// HandlePromise(i, m) — Paxos Made Simple §3: with promises from a quorum, the new leader re-proposes, per slot,
// the value of the highest-numbered vote reported, and fills the gaps below the last one with no-ops.
import { produce } from 'immer';
import { setAdd, type NodeId } from '../../core/index.ts';
import type { MpConfig, MpStep, Promise, Replica, SlotValue } from '../types.ts';
import { at, mergeHighest, sameBallot } from '../values.ts';

export function handlePromise(s: Replica, _i: NodeId, m: Promise, c: MpConfig): MpStep | null {
  if (s.role !== 'Candidate' || !sameBallot(s.ballot, m.bal)) return { state: s, send: [] }; // stale
  const promises = setAdd(s.promises, m.source);
  const reported = mergeHighest(s.reported, m.accepted);
  if (!c.quorums.some((Q) => Q.every((a) => promises.includes(a)))) {
    return { state: produce(s, (d) => { d.promises = promises as string[]; d.reported = reported as never; }), send: [] };
  }
  return { state: produce(s, (d) => { d.role = 'Leader'; d.promises = []; d.reported = []; d.proposals = reproposals(s.base, reported) as never; }), send: [] };
}

/** Slots base..last reported: the reported value, or a no-op for a gap. */
export function reproposals(base: number, reported: readonly { slot: number; val: SlotValue['val'] }[]): SlotValue[] {
  const last = Math.max(base - 1, ...reported.map((x) => x.slot));
  const out: SlotValue[] = [];
  for (let k = base; k <= last; k++) out.push({ slot: k, val: at(reported, k)?.val ?? 'noop' });
  return out;
}
