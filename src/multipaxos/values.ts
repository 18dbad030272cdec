// Ballot order, value equality and the sorted per-slot lists of a replica (plain data, canonical order).
import type { Ballot, SlotValue, SlotVote, Value } from './types.ts';

/** `b > c`; null is below every ballot. */
export function ballotAbove(b: Ballot, c: Ballot | null): boolean {
  return c === null || b.round > c.round || (b.round === c.round && b.leader > c.leader);
}

export function sameBallot(b: Ballot | null, c: Ballot | null): boolean {
  return b === c || (b !== null && c !== null && b.round === c.round && b.leader === c.leader);
}

export function sameValue(x: Value, y: Value): boolean {
  return x === y || (x !== 'noop' && y !== 'noop' && x.client === y.client && x.seq === y.seq);
}

export function bySlot<T extends { readonly slot: number }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => a.slot - b.slot);
}

/** The entry of a slot, if any: every per-slot list is sorted by slot with one entry per slot (put keeps it so). */
export function at<T extends { readonly slot: number }>(xs: readonly T[], slot: number): T | undefined {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as T).slot < slot) lo = mid + 1;
    else hi = mid;
  }
  const x = xs[lo];
  return x !== undefined && x.slot === slot ? x : undefined;
}

/** `xs` with slot x.slot set to x. */
export function put<T extends { readonly slot: number }>(xs: readonly T[], x: T): T[] {
  return bySlot([...xs.filter((y) => y.slot !== x.slot), x]);
}

/** Keeps, per slot, the vote with the highest ballot (Phase 1: the value a new leader must re-propose). */
export function mergeHighest(xs: readonly SlotVote[], ys: readonly SlotVote[]): SlotVote[] {
  let out = [...xs];
  for (const y of ys) {
    const x = at(out, y.slot);
    if (x === undefined || ballotAbove(y.bal, x.bal)) out = put(out, y);
  }
  return out;
}

/** The first slot with no decided value. */
export function firstOpen(decided: readonly SlotValue[]): number {
  // Slots are distinct and sorted from 1, so decided[k - 1].slot === k holds exactly for the prefix 1..k.
  let lo = 0;
  let hi = decided.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (decided[mid - 1]?.slot === mid) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
