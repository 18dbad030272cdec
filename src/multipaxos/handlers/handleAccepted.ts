// HandleAccepted(i, m) — Paxos Made Simple §2.3 per slot: a value accepted by a quorum in one ballot is decided.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import type { Ack, Accepted, MpConfig, MpStep, Replica } from '../types.ts';
import { at, put, sameBallot, sameValue } from '../values.ts';

const key = (x: Ack): string => `${x.slot}/${x.bal.round}/${x.bal.leader}/${x.acc}/${JSON.stringify(x.val)}`;

export function handleAccepted(s: Replica, _i: NodeId, m: Accepted, c: MpConfig): MpStep | null {
  const ack: Ack = { slot: m.slot, bal: m.bal, val: m.val, acc: m.source };
  const k = key(ack);
  const acks = s.acks.some((x) => x.slot === ack.slot && x.acc === ack.acc && key(x) === k) ? s.acks : insert(s.acks, ack, k);
  const from = acks.filter((x) => x.slot === m.slot && sameBallot(x.bal, m.bal) && sameValue(x.val, m.val)).map((x) => x.acc);
  const known = at(s.decided, m.slot);
  // A quorum for the value already decided there changes nothing (the same list, not an equal copy).
  const chosen = c.quorums.some((Q) => Q.every((a) => from.includes(a))) && !(known !== undefined && sameValue(known.val, m.val));
  return {
    state: produce(s, (d) => {
      d.acks = acks as never;
      if (chosen) d.decided = put(s.decided, { slot: m.slot, val: m.val }) as never;
    }),
    send: [],
  };
}

/** `acks` (sorted by key) with `ack` added in key order, as sorting the extended list would. */
function insert(acks: readonly Ack[], ack: Ack, k: string): Ack[] {
  let lo = 0;
  let hi = acks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(acks[mid] as Ack) < k) lo = mid + 1;
    else hi = mid;
  }
  return [...acks.slice(0, lo), ack, ...acks.slice(lo)];
}
