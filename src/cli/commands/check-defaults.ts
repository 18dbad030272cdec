// The default search of `check <protocol>` with no bounds given: one plan per protocol, the same for
// every variant (a bound chosen per variant would presuppose its bug). Exhaustive passes at bounds
// that finish in seconds, then a time-boxed guided search at deeper bounds. Figures: docs/checking.md.

/** One pass: the constants it changes from the protocol's defaults, and how it searches. */
export interface Pass {
  readonly name: string;
  readonly constants: Readonly<Record<string, string>>;
  /** `exhaustive`: every state within the bounds; `guided`: time-boxed, never exhaustive. */
  readonly kind: 'exhaustive' | 'guided';
}

/** A protocol's default search. */
export interface Plan {
  readonly passes: readonly Pass[];
  /** Seconds of the guided passes, shared between them (`--search-seconds` overrides). */
  readonly searchSeconds: number;
}

// Raft: setting A (raft.tla's MC model), then 3 servers without network faults at two shapes (a
// passive server, or no log), then 3 servers with faults, 4 terms, 2 entries, 2 messages in flight.
const raft: Plan = {
  passes: [
    { name: 'A', constants: {}, kind: 'exhaustive' },
    { name: 'B', constants: { servers: '3', 'max-term': '3', 'max-log': '1', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's2' }, kind: 'exhaustive' },
    { name: 'C', constants: { servers: '3', 'max-term': '2', 'max-log': '0', drop: 'off', duplicate: 'off' }, kind: 'exhaustive' },
    { name: 'D', constants: { servers: '3', 'max-term': '4', 'max-log': '2', 'max-msgs': '2' }, kind: 'guided' },
  ],
  searchSeconds: 30,
};

// Paxos: Lamport's MC model (ballots 0..1), ballots 0..2 exhausted, then ballots 0..3 searched.
const paxos: Plan = {
  passes: [
    { name: 'A', constants: {}, kind: 'exhaustive' },
    { name: 'B', constants: { ballots: '2' }, kind: 'exhaustive' },
    { name: 'C', constants: { ballots: '3' }, kind: 'guided' },
  ],
  searchSeconds: 15,
};

/** The plans; a protocol without one checks its default constants exhaustively. */
export const plans: Readonly<Record<string, Plan>> = { raft, paxos };
