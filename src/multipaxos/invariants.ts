// Multi-Paxos invariants: one value per slot, agreeing decided prefixes and executed sequences, no double execution.
import type { Global, Named } from '../core/index.ts';
import type { MpConfig, MpMessage, Replica } from './types.ts';
import { at, sameValue } from './values.ts';

export type MpGlobal = Global<Replica, MpMessage>;

const all = (g: MpGlobal, c: MpConfig): Replica[] => c.replicas.map((i) => g.nodes[i] as Replica);

export const invariants: Named<(g: MpGlobal, c: MpConfig) => boolean> = {
  // Consistency per instance (Paxos Made Simple §3): no two replicas decide different values in one slot.
  OneValuePerSlot: (g, c) =>
    all(g, c).every((s) => all(g, c).every((t) => s.decided.every((x) => { const y = at(t.decided, x.slot); return y === undefined || sameValue(x.val, y.val); }))),
  // The executed prefixes of the logs agree slot by slot.
  DecidedPrefixesAgree: (g, c) =>
    all(g, c).every((s) => all(g, c).every((t) => {
      for (let k = 1; k <= Math.min(s.executed, t.executed); k++) {
        const x = at(s.decided, k);
        const y = at(t.decided, k);
        if (x !== undefined && y !== undefined && !sameValue(x.val, y.val)) return false;
      }
      return true;
    })),
  // State machine safety: one replica's executed commands are a prefix of another's.
  ExecutedSequencesAgree: (g, c) =>
    all(g, c).every((s) => all(g, c).every((t) => {
      const n = Math.min(s.applied.length, t.applied.length);
      for (let k = 0; k < n; k++) if (!sameValue(s.applied[k] as never, t.applied[k] as never)) return false;
      return true;
    })),
  // Exactly once: no command (client, seq) is executed twice by one replica.
  NoDuplicateExecution: (g, c) =>
    all(g, c).every((s) => s.applied.every((x, k) => s.applied.findIndex((y) => sameValue(x, y)) === k)),
};

export const actionProperties: Named<(g: MpGlobal, h: MpGlobal, c: MpConfig) => boolean> = {
  // A replica never changes the value it decided for a slot (a second quorum for another value would).
  DecisionStable: (g, h, c) =>
    c.replicas.every((i) => (g.nodes[i] as Replica).decided.every((x) => { const y = at((h.nodes[i] as Replica).decided, x.slot); return y === undefined || sameValue(x.val, y.val); })),
};
