// The message set `msgs` as a sorted array: `Send(m) == msgs' = msgs \cup {m}` and `m \in msgs`.
// The order is a total order on message fields (type, bal, acc, then the rest), so equal sets are
// equal arrays; comparing fields instead of canonical() texts keeps the explorer's hot path cheap.
import type { Ballot, Message } from './types.ts';

/** `msgs \cup {m}`, kept sorted (the same array if m was already sent). */
export function send(msgs: readonly Message[], m: Message): readonly Message[] {
  const k = position(msgs, m);
  const at = msgs[k];
  if (at !== undefined && compare(at, m) === 0) return msgs;
  return msgs.toSpliced(k, 0, m);
}

/** `m \in msgs`. */
export function sent(msgs: readonly Message[], m: Message): boolean {
  const at = msgs[position(msgs, m)];
  return at !== undefined && compare(at, m) === 0;
}

/** `\E m \in msgs : m.type = type /\ m.bal = bal`, found by the order of `msgs` (type, then ballot). */
export function sentOf(msgs: readonly Message[], type: Message['type'], bal: Ballot): boolean {
  const at = msgs[lowerBound(msgs, typeBallotBefore, type, bal)];
  return at !== undefined && at.type === type && at.bal === bal;
}

/** The order of `msgs`: by type, ballot, acceptor, then the remaining fields. */
export function compare(x: Message, y: Message): number {
  if (x.type !== y.type) return x.type < y.type ? -1 : 1;
  if (x.bal !== y.bal) return x.bal - y.bal;
  const ax = 'acc' in x ? x.acc : '';
  const ay = 'acc' in y ? y.acc : '';
  if (ax !== ay) return ax < ay ? -1 : 1;
  const bx = x.type === '1b' ? x.mbal : 0;
  const by = y.type === '1b' ? y.mbal : 0;
  if (bx !== by) return bx - by;
  const vx = x.type === '1b' ? x.mval : x.type === '1a' ? null : x.val;
  const vy = y.type === '1b' ? y.mval : y.type === '1a' ? null : y.val;
  if (vx === vy) return 0;
  if (vx === null) return -1;
  if (vy === null) return 1;
  return vx < vy ? -1 : 1;
}

/** A short text naming the message, unique among messages: `2b a1 1 v2`, `1b a3 1 -1 null`. */
export function key(m: Message): string {
  switch (m.type) {
    case '1a':
      return `1a ${m.bal}`;
    case '1b':
      return `1b ${m.acc} ${m.bal} ${m.mbal} ${m.mval ?? '-'}`;
    case '2a':
      return `2a ${m.bal} ${m.val}`;
    case '2b':
      return `2b ${m.acc} ${m.bal} ${m.val}`;
  }
}

function position(msgs: readonly Message[], m: Message): number {
  return lowerBound(msgs, precedes, m, undefined);
}

/** The first index of `msgs` whose message is not `before` the key `(k, l)` (binary search on the sorted array). */
function lowerBound<K, L>(msgs: readonly Message[], before: (x: Message, k: K, l: L) => boolean, k: K, l: L): number {
  let lo = 0;
  let hi = msgs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(msgs[mid] as Message, k, l)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const precedes = (x: Message, m: Message): boolean => compare(x, m) < 0;
const typeBallotBefore = (x: Message, type: Message['type'], bal: Ballot): boolean => x.type < type || (x.type === type && x.bal < bal);
