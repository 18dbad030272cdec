// Model.intern for Paxos: a state copied across threads or read back from disk is rebuilt the way
// Init and the actions build states, with one object per message. A copy's objects have other
// hidden classes than those the actions make; left as they are, they and every state derived from
// them slowed the explorer's inline caches down about threefold.
import { key } from './msgs.ts';
import type { Constants, Message, PaxosState } from './types.ts';

export function interner(c: Constants): (s: PaxosState) => PaxosState {
  let messages = new Map<string, Message>();
  const literal = (m: Message): Message => {
    switch (m.type) {
      case '1a':
        return { type: '1a', bal: m.bal };
      case '1b':
        return { type: '1b', acc: m.acc, bal: m.bal, mbal: m.mbal, mval: m.mval };
      case '2a':
        return { type: '2a', bal: m.bal, val: m.val };
      case '2b':
        return { type: '2b', acc: m.acc, bal: m.bal, val: m.val };
    }
  };
  const message = (m: Message): Message => {
    const k = key(m);
    let r = messages.get(k);
    if (r === undefined) {
      if (messages.size >= 1 << 16) messages = new Map();
      messages.set(k, (r = literal(m)));
    }
    return r;
  };
  const record = <T>(r: Readonly<Record<string, T>>): Record<string, T> => Object.fromEntries(c.acceptors.map((a) => [a, r[a] as T]));
  return (s) => ({ maxBal: record(s.maxBal), maxVBal: record(s.maxVBal), maxVal: record(s.maxVal), msgs: s.msgs.map(message) });
}
