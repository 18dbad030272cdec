// The canonical encoding of a state for the explorer's fingerprints. Acceptors in the constants'
// order and msgs already sorted make it canonical; it avoids canonical()'s key sorting, which was
// half of the explorer's time on ballots 0..2.
import { key } from './msgs.ts';
import type { Constants, PaxosState } from './types.ts';

export function encode(c: Constants, s: PaxosState): string {
  let out = '';
  for (const a of c.acceptors) out += `${s.maxBal[a]},${s.maxVBal[a]},${s.maxVal[a] ?? '-'};`;
  for (const m of s.msgs) out += `|${key(m)}`;
  return out;
}
