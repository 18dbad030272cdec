// One-conjunct mutations, each made the same way in spec/ and in src/: TLC and our explorer must then
// report the same verdict, the same shortest trace length and (when nothing is violated) the same counts.
import type { Setting } from './settings.ts';

/** Replace `from` (which must occur exactly once in `file`) by `to`. */
export interface Edit {
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

export interface Mutation {
  readonly id: string;
  readonly what: string;
  readonly spec: readonly Edit[];
  readonly src: readonly Edit[];
  readonly setting: Setting;
}

const paxosDefault: Setting = { id: 'MCPaxos.cfg', protocol: 'paxos', module: 'MCPaxos.tla', cfg: 'MCPaxos.cfg', changes: {}, ci: true };
const paxosConsistency: Setting = { ...paxosDefault, id: 'MCPaxos-Consistency', changes: { invariants: ['Consistency'] } };
const paxosOneValue: Setting = { id: 'paxos-3a1v1b', protocol: 'paxos', module: 'MCPaxos.tla', cfg: 'MCPaxos.cfg', changes: { constants: { Value: '{v1}' } }, ci: true };
const raftVote: Setting = {
  id: 'raft-3s-t3l1-passive-s2', protocol: 'raft', module: 'MCRaft.tla', cfg: 'MCRaft.cfg', ci: true,
  changes: { constants: { Server: '{s1, s2, s3}', MaxTerm: '3', MaxLogLen: '1', MaxRestarts: '0', DropEnabled: 'FALSE', DuplicateEnabled: 'FALSE', Passive: '{s2}' } },
};
const raftT3L1: Setting = { id: 'raft-t3l1', protocol: 'raft', module: 'MCRaft.tla', cfg: 'MCRaft.cfg', ci: true, changes: { constants: { MaxTerm: '3', MaxLogLen: '1' } } };

// Phase2a's witness condition: m.mval = v /\ \A mm \in Q1bv(Q, b) : m.mbal >= mm.mbal, with \/ for /\.
const phase2aSpec: readonly Edit[] = [{ file: 'spec/Paxos.tla', from: '             /\\ m.mval = v\n             /\\ \\A mm', to: '             \\/ m.mval = v\n             \\/ \\A mm' }];
const phase2aSrc: readonly Edit[] = [{ file: 'src/paxos/actions/phase2a.ts', from: 'return m.mval === v && Q1bv.every(', to: 'return m.mval === v || Q1bv.every(' }];

// HandleAppendEntriesRequest's logOk, all four lines.
const RAFT_LOGOK = [
  '    LET logOk == \\/ m.prevLogIndex <= snapshot[i].index',
  '                 \\/ /\\ m.prevLogIndex > snapshot[i].index',
  '                    /\\ m.prevLogIndex <= LastIndex(i)',
  '                    /\\ m.prevLogTerm = TermAt(i, m.prevLogIndex)',
  '',
].join('\n');

export const mutations: readonly Mutation[] = [
  {
    id: 'phase2a-witness-or',
    what: 'Phase2a: the witness condition m.mval = v /\\ (m has the highest vote) becomes \\/',
    spec: phase2aSpec,
    src: phase2aSrc,
    setting: paxosConsistency,
  },
  {
    id: 'phase2a-witness-or-all',
    what: 'the same mutation, with every invariant of MCPaxos.cfg (the first one broken is reported)',
    spec: phase2aSpec,
    src: phase2aSrc,
    setting: paxosDefault,
  },
  {
    id: 'phase1b-ballot-ge',
    what: 'Phase1b: m.bal > maxBal[a] becomes >=',
    spec: [{ file: 'spec/Paxos.tla', from: '/\\ m.bal > maxBal[a]', to: '/\\ m.bal >= maxBal[a]' }],
    src: [{ file: 'src/paxos/actions/phase1b.ts', from: 'if (m.bal <= at(s.maxBal, a)) return null;', to: 'if (m.bal < at(s.maxBal, a)) return null;' }],
    setting: paxosOneValue,
  },
  {
    id: 'phase2b-ballot-gt',
    what: 'Phase2b: m.bal >= maxBal[a] becomes >',
    spec: [{ file: 'spec/Paxos.tla', from: '/\\ m.bal >= maxBal[a]', to: '/\\ m.bal > maxBal[a]' }],
    src: [{ file: 'src/paxos/actions/phase2b.ts', from: 'if (m.bal < at(s.maxBal, a)) return null;', to: 'if (m.bal <= at(s.maxBal, a)) return null;' }],
    setting: paxosDefault,
  },
  {
    id: 'phase2b-ballot-le',
    what: 'Phase2b: m.bal >= maxBal[a] becomes <= (votes below its promise)',
    spec: [{ file: 'spec/Paxos.tla', from: '/\\ m.bal >= maxBal[a]', to: '/\\ m.bal <= maxBal[a]' }],
    src: [{ file: 'src/paxos/actions/phase2b.ts', from: 'if (m.bal < at(s.maxBal, a)) return null;', to: 'if (m.bal > at(s.maxBal, a)) return null;' }],
    setting: paxosDefault,
  },
  {
    id: 'raft-vote-log-check',
    what: 'HandleRequestVoteRequest: grant without its conjunct logOk (the up-to-date check)',
    spec: [{ file: 'spec/Raft.tla', from: '                 /\\ logOk\n                 /\\ votedFor[i]', to: '                 /\\ TRUE\n                 /\\ votedFor[i]' }],
    src: [{ file: 'src/raft/handlers/handleRequestVoteRequest.ts', from: 'm.term === s.currentTerm && logOk &&', to: 'm.term === s.currentTerm && true &&' }],
    setting: raftVote,
  },
  {
    id: 'raft-append-log-check',
    what: 'HandleAppendEntriesRequest: logOk taken as TRUE (no prevLogIndex/prevLogTerm check)',
    // The whole definition, not a TRUE disjunct beside it: TLC counts one successor per true disjunct.
    spec: [{ file: 'spec/Raft.tla', from: RAFT_LOGOK, to: '    LET logOk == TRUE\n' }],
    src: [{ file: 'src/raft/handlers/handleAppendEntriesRequest.ts', from: 'const logOk = m.prevLogIndex <= snapshotIndex(s) || termOf(s, m.prevLogIndex) === m.prevLogTerm;', to: 'const logOk = true;' }],
    setting: raftT3L1,
  },
];

/** `text` with `e` applied, or an error if `e.from` does not occur exactly once. */
export function applyEdit(text: string, e: Edit): string {
  const n = text.split(e.from).length - 1;
  if (n !== 1) throw new Error(`${e.file}: the text to mutate occurs ${n} times (expected once): ${JSON.stringify(e.from)}`);
  return text.replace(e.from, () => e.to);
}
