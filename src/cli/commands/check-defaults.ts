// The default search of `check <protocol>` with no bounds given: one plan per protocol, the same for
// every variant (a bound chosen per variant would presuppose its bug). Exhaustive passes at bounds
// that finish in seconds, then time-boxed guided searches at deeper bounds. Figures: docs/checking.md.

/** One pass: the constants it changes from the protocol's defaults, and how it searches. */
export interface Pass {
  readonly name: string;
  readonly constants: Readonly<Record<string, string>>;
  /** `exhaustive`: every state within the bounds; `guided`: time-boxed, never exhaustive. */
  readonly kind: 'exhaustive' | 'guided';
  /** A guided pass's part of the plan's search seconds (default: an equal part). */
  readonly share?: number;
}

/** A protocol's default search. */
export interface Plan {
  readonly passes: readonly Pass[];
  /** Seconds of the guided passes, shared between them (`--search-seconds` overrides). */
  readonly searchSeconds: number;
  /** An exhaustive pass stops here and counts as searched, not exhausted (a feature can multiply its states). */
  readonly maxStates?: number;
  /** Opt-in features (on/off flags) a user may give with the default search: every pass gets them. */
  readonly features?: readonly string[];
}

// Raft, cheapest exhaustive pass first: setting A (raft.tla's MC model); 3 servers with restarts and
// no log; 3 servers without faults, two of them campaigning, 3 elections (Figure 8 needs three
// leaders); then the guided search at 3 servers, 4 terms, 2 entries, 2 messages in flight, without
// and with faults.
const raft: Plan = {
  passes: [
    { name: 'A', constants: {}, kind: 'exhaustive' },
    { name: 'B', constants: { servers: '3', 'max-term': '2', 'max-log': '0', drop: 'off', duplicate: 'off' }, kind: 'exhaustive' },
    { name: 'C', constants: { servers: '3', 'max-term': '4', 'max-log': '1', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's2' }, kind: 'exhaustive' },
    { name: 'D', constants: { servers: '3', 'max-term': '4', 'max-log': '2', 'max-msgs': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off' }, kind: 'guided', share: 2 / 3 },
    { name: 'E', constants: { servers: '3', 'max-term': '4', 'max-log': '2', 'max-msgs': '2' }, kind: 'guided', share: 1 / 3 },
  ],
  searchSeconds: 24,
  maxStates: 1_000_000,
  features: ['snapshots', 'sessions', 'prevote', 'checkquorum', 'transfer'],
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

// Basic Paxos: MCBasicPaxos.cfg's model, then the same with acceptors that restart (and no drops),
// then a second round (a proposer retries with a higher ballot) searched.
const basicpaxos: Plan = {
  passes: [
    { name: 'A', constants: {}, kind: 'exhaustive' },
    { name: 'B', constants: { restart: 'on', drop: 'off' }, kind: 'exhaustive' },
    { name: 'C', constants: { 'max-round': '1', restart: 'on' }, kind: 'guided' },
  ],
  searchSeconds: 10,
};

// Multi-Paxos: one candidate (no leader change), then two replicas that may both lead with 2 commands
// (MaxMsgs 2 fits an Accept's answers), then 3 replicas that may all lead, with faults, searched.
const multipaxos: Plan = {
  passes: [
    { name: 'A', constants: {}, kind: 'exhaustive' },
    { name: 'B', constants: { replicas: '2', candidates: 'all', 'max-msgs': '2', commands: '2' }, kind: 'exhaustive' },
    { name: 'C', constants: { candidates: 'all', commands: '2', drop: 'on', restart: 'on' }, kind: 'guided' },
  ],
  searchSeconds: 10,
};

/** The plans; a protocol without one checks its default constants exhaustively. */
export const plans: Readonly<Record<string, Plan>> = { raft, paxos, basicpaxos, multipaxos };
