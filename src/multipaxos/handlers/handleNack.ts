// HandleNack(i, m) — a leader or candidate that hears of a higher ballot steps down (Paxos Made Simple §3).
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { MpConfig, MpStep, Nack, Replica } from '../types.ts';
import { sameBallot } from '../values.ts';

export function handleNack(s: Replica, _i: NodeId, m: Nack, _c: MpConfig): MpStep | null {
  if (s.role === 'Follower' || !sameBallot(s.ballot, m.bal)) return { state: s, send: [] }; // stale
  return { state: produce(s, (d) => { d.role = 'Follower'; d.promises = []; d.reported = []; d.proposals = []; }), send: [] };
}
