// The explorer's fast path for the visited set: a state as 32-bit words (three per acceptor, three
// per message), equal exactly when `encode` is equal; skips building and hashing the encoding string.
import type { FingerprintSink } from '../core/index.ts';
import type { Constants, Message, PaxosState } from './types.ts';

const TYPE = { '1a': 1, '1b': 2, '2a': 3, '2b': 4 } as const;
const LIMIT = 0xffff;

/** The fingerprint function, or null when the constants are too large for 16-bit fields. */
export function fingerprinter(c: Constants): ((s: PaxosState, out: FingerprintSink) => void) | null {
  if (c.acceptors.length >= LIMIT || c.values.length >= LIMIT || c.maxBallot >= LIMIT - 1) return null;
  const acc = new Map(c.acceptors.map((a, k) => [a, k + 1]));
  const val = new Map(c.values.map((v, k) => [v, k + 1]));
  const v = (x: string | null): number => (x === null ? 0 : (val.get(x) ?? LIMIT));
  const a = (x: string): number => acc.get(x) ?? LIMIT;
  const msg = (m: Message, out: FingerprintSink): void => {
    switch (m.type) {
      case '1a':
        return words(out, TYPE[m.type] << 16, m.bal, 0);
      case '1b':
        return words(out, (TYPE[m.type] << 16) | a(m.acc), m.bal, ((m.mbal + 1) << 16) | v(m.mval));
      case '2a':
        return words(out, TYPE[m.type] << 16, m.bal, v(m.val));
      case '2b':
        return words(out, (TYPE[m.type] << 16) | a(m.acc), m.bal, v(m.val));
    }
  };
  return (s, out) => {
    for (const x of c.acceptors) words(out, (s.maxBal[x] as number) + 1, (s.maxVBal[x] as number) + 1, v(s.maxVal[x] ?? null));
    out.word(s.msgs.length);
    for (const m of s.msgs) msg(m, out);
  };
}

function words(out: FingerprintSink, x: number, y: number, z: number): void {
  out.word(x);
  out.word(y);
  out.word(z);
}
