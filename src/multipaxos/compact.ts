// The bounded state of a running replica: after every step the runtime drops what no later step can read,
// so that `acks`, `proposals` and `applied` stay bounded however long the replica runs (docs/paxos.md).
import type { Replica } from './types.ts';
import { at, firstOpen } from './values.ts';

/** How many executed commands a replica remembers at least (it keeps at most twice as many). */
export const APPLIED_WINDOW = 64;

/** The last slot of the contiguous decided prefix. */
export const decidedPrefix = (s: Replica): number => firstOpen(s.decided) - 1;

/**
 * `s` without: the acks of decided slots (they can only decide a slot again, with the value it has);
 * the proposals of decided slots but the last one (ClientRequest reads only the last slot; the
 * heartbeat sends only undecided ones and the last); and executed commands beyond the window (a
 * runtime command is named by the slot it was proposed in, so it can never be decided again elsewhere).
 */
export function compact(s: Replica): Replica {
  const prefix = decidedPrefix(s);
  const decided = (slot: number): boolean => slot <= prefix || at(s.decided, slot) !== undefined;
  const last = s.proposals[s.proposals.length - 1]?.slot;
  const staleAck = s.acks.some((x) => decided(x.slot));
  const staleProposal = s.proposals.some((x) => x.slot !== last && decided(x.slot));
  const longApplied = s.applied.length > 2 * APPLIED_WINDOW;
  if (!staleAck && !staleProposal && !longApplied) return s;
  return {
    ...s,
    acks: staleAck ? s.acks.filter((x) => !decided(x.slot)) : s.acks,
    proposals: staleProposal ? s.proposals.filter((x) => x.slot === last || !decided(x.slot)) : s.proposals,
    // Trimmed only once twice the window is reached, so that the write-ahead log mostly appends.
    applied: longApplied ? s.applied.slice(-APPLIED_WINDOW).map((x) => ({ client: x.client, seq: x.seq })) : s.applied,
  };
}
