// Each shipped variant's change made in spec/ (the TypeScript variant's one-line bug written in TLA+),
// and the model TLC checks it on: the pass of the default search that finds it, or the bounds its
// documented command names. `npm run bench:variants -- --tlc` times TLC on them (docs/checking.md).
import type { CfgChanges } from './cfg.ts';
import type { Edit } from './mutations.ts';

/** A variant's edits of spec/ (more than one only where the TypeScript variant replaces more than one function). */
export interface TlcCase {
  readonly edits: readonly Edit[];
  readonly module: string;
  readonly cfg: string;
  readonly changes: CfgChanges;
}

const raftA = (constants: Readonly<Record<string, string>> = {}): Pick<TlcCase, 'module' | 'cfg' | 'changes'> =>
  ({ module: 'MCRaft.tla', cfg: 'MCRaft.cfg', changes: { constants } });
const noFaults = { MaxRestarts: '0', DropEnabled: 'FALSE', DuplicateEnabled: 'FALSE' } as const;
// The raft default search's passes (src/cli/commands/check-defaults.ts) as MCRaft.cfg constants.
const passB = { Server: '{s1, s2, s3}', MaxTerm: '2', MaxLogLen: '0', DropEnabled: 'FALSE', DuplicateEnabled: 'FALSE' } as const;
const passC = { Server: '{s1, s2, s3}', MaxTerm: '4', MaxLogLen: '1', ...noFaults, Passive: '{s2}' } as const;
const passD = { Server: '{s1, s2, s3}', MaxTerm: '4', MaxLogLen: '2', MaxMsgs: '2', ...noFaults } as const;
// The bounds of tlc/bench-variants.ts's `bounded` table (docs/raft.md's variant tables).
const swap4 = { Server: '{s1, s2, s3, s4}', InitVoters: '{s1, s2, s3}', InitLearners: '{s4}', MaxLogLen: '1', ...noFaults } as const;
const mem = (constants: Readonly<Record<string, string>>): Pick<TlcCase, 'module' | 'cfg' | 'changes'> =>
  ({ module: 'MCRaftMembership.tla', cfg: 'MCRaftMembership.cfg', changes: { constants: { ...swap4, ...constants } } });
const paxosA = { module: 'MCPaxos.tla', cfg: 'MCPaxos.cfg', changes: {} } as const;
const basicpaxos = (constants: Readonly<Record<string, string>> = {}): Pick<TlcCase, 'module' | 'cfg' | 'changes'> =>
  ({ module: 'MCBasicPaxos.tla', cfg: 'MCBasicPaxos.cfg', changes: { constants } });
const multipaxosB = { module: 'MCMultiPaxos.tla', cfg: 'MCMultiPaxos.cfg', changes: { constants: { Replica: '{r1, r2}', Candidates: '{r1, r2}', MaxMsgs: '2', Commands: '2' } } } as const;

const raft = (from: string, to: string): Edit => ({ file: 'spec/Raft.tla', from, to });
const membership = (from: string, to: string): Edit => ({ file: 'spec/RaftMembership.tla', from, to });

// HandleInstallSnapshotRequest's branches that need m.term = currentTerm[i] and a follower.
const installBranch = (comment: string): Edit => raft(
  `          \\/ \\* ${comment}\n             /\\ m.term = currentTerm[i]\n             /\\ state[i] = "Follower"\n`,
  `          \\/ \\* ${comment}\n             /\\ m.term < currentTerm[i] \\/ (m.term = currentTerm[i] /\\ state[i] = "Follower")\n`,
);

export const tlcCases: Readonly<Record<string, TlcCase>> = {
  'raft/commit-previous-term': {
    edits: [raft('                  /\\ TermAt(i, Max(agreeIndexes)) = currentTerm[i]\n', '                  /\\ TRUE\n')],
    ...raftA(passC),
  },
  'raft/vote-without-log-check': {
    edits: [raft('                 /\\ logOk\n                 /\\ votedFor[i]', '                 /\\ TRUE\n                 /\\ votedFor[i]')],
    ...raftA(passC),
  },
  'raft/append-without-log-check': {
    // The whole definition, not a TRUE disjunct beside it: TLC counts one successor per true disjunct.
    edits: [raft(
      '    LET logOk == \\/ m.prevLogIndex <= snapshot[i].index\n                 \\/ /\\ m.prevLogIndex > snapshot[i].index\n'
        + '                    /\\ m.prevLogIndex <= LastIndex(i)\n                    /\\ m.prevLogTerm = TermAt(i, m.prevLogIndex)\n',
      '    LET logOk == TRUE\n',
    )],
    ...raftA(passD),
  },
  'raft/forget-vote-on-restart': {
    edits: [raft(
      '    /\\ UNCHANGED <<messages, currentTerm, votedFor, log, snapshot, acknowledged, clock>>\n',
      '    /\\ votedFor\' = [votedFor EXCEPT ![i] = Nil]\n    /\\ UNCHANGED <<messages, currentTerm, log, snapshot, acknowledged, clock>>\n',
    )],
    ...raftA(passB),
  },
  'raft/snapshot-past-commit': {
    // TakeSnapshot's bound commitIndex[i], in its four places, becomes LastIndex(i).
    edits: [raft(
      '    /\\ commitIndex[i] > snapshot[i].index\n    /\\ commitIndex[i] <= LastIndex(i)\n    /\\ LET n == commitIndex[i] - snapshot[i].index\n'
        + '       IN  /\\ snapshot\' = [snapshot EXCEPT ![i] =\n                  [index |-> commitIndex[i],',
      '    /\\ LastIndex(i) > snapshot[i].index\n    /\\ LastIndex(i) <= LastIndex(i)\n    /\\ LET n == LastIndex(i) - snapshot[i].index\n'
        + '       IN  /\\ snapshot\' = [snapshot EXCEPT ![i] =\n                  [index |-> LastIndex(i),',
    )],
    ...raftA({ Snapshots: 'TRUE' }),
  },
  'raft/discard-log-on-install-snapshot': {
    edits: [raft('IF keep THEN SubSeq(@, m.lastIncludedIndex', 'IF FALSE THEN SubSeq(@, m.lastIncludedIndex')],
    ...raftA({ ...passD, Snapshots: 'TRUE' }),
  },
  'raft/install-snapshot-from-stale-term': {
    // Rule 1 gone: an older term's snapshot takes the "already done" or the install branch, in any state.
    edits: [
      raft('       /\\ \\/ \\* reject request (rule 1)\n             /\\ m.term < currentTerm[i]\n', '       /\\ \\/ \\* reject request (rule 1)\n             /\\ FALSE\n'),
      installBranch("already done: i's snapshot covers it"),
      installBranch('install: keep the later entries (rule 6) or discard the log (rule 7)'),
    ],
    ...raftA({ Snapshots: 'TRUE' }),
  },
  'raft/no-session-table': {
    edits: [raft('                   ELSE IF x.seq <= @.sessions[x.client].seq\n', '                   ELSE IF FALSE\n')],
    ...raftA({ Sessions: 'TRUE' }),
  },
  'raft/timeout-without-prevote': {
    edits: [raft('    /\\ \\/ ~PreVote /\\ ElectionStarted(i)\n       \\/ /\\ PreVote\n', '    /\\ \\/ ElectionStarted(i)\n       \\/ /\\ FALSE\n')],
    ...raftA({ PreVote: 'TRUE' }),
  },
  'raft/no-joint-phase': {
    edits: [membership('AppendConfig(i, Config(v, c.voters, c.learners \\ v))', 'AppendConfig(i, Config(v, v, c.learners \\ v))')],
    ...mem({ Targets: '{{s3, s4}}', MaxTerm: '3', Passive: '{s2, s4}' }),
  },
  'raft/single-server-no-noop': {
    edits: [membership('              /\\ CommittedInTerm(i)\n', '              /\\ TRUE\n')],
    module: 'MCRaftMembership.tla', cfg: 'MCRaftMembership.cfg',
    changes: { constants: {
      Membership: '"single"', Server: '{s1, s2, s3, s4, s5}', InitVoters: '{s1, s2, s3, s4}', InitLearners: '{s5}',
      Targets: '{{s1, s2, s3, s4, s5}, {s2, s3, s4}}', MaxTerm: '4', MaxLogLen: '1', Passive: '{s3, s4, s5}', HistoryFields: 'FALSE', ...noFaults,
    } },
  },
  'raft/learner-acks': {
    // AdvanceCommitIndex: holders counted among voters and learners, against majorities of the voters.
    edits: [raft(
      ': Mem!IsQuorum(i, Agree(index))}',
      ': LET M == Agree(index) \\cap (Mem!ConfigOf(i).voters \\cup Mem!ConfigOf(i).old \\cup Mem!ConfigOf(i).learners) IN '
        + 'Cardinality(M) * 2 > Cardinality(Mem!ConfigOf(i).voters) /\\ Cardinality(M) * 2 > Cardinality(Mem!ConfigOf(i).old)}',
    )],
    ...mem({ Targets: '{{s1, s2, s3, s4}}', MaxTerm: '3', Passive: '{s2, s3}' }),
  },
  'raft/learner-votes': {
    // RequestVote asks learners; BecomeLeader counts their votes against majorities of the voters.
    edits: [
      raft('    /\\ Mem!IsVoter(i, j)\n', '    /\\ Mem!IsMember(i, j)\n'),
      raft(
        '    /\\ Mem!IsQuorum(i, votesGranted[i])\n',
        '    /\\ LET M == votesGranted[i] \\cap (Mem!ConfigOf(i).voters \\cup Mem!ConfigOf(i).old \\cup Mem!ConfigOf(i).learners) IN '
          + 'Cardinality(M) * 2 > Cardinality(Mem!ConfigOf(i).voters) /\\ Cardinality(M) * 2 > Cardinality(Mem!ConfigOf(i).old)\n',
      ),
    ],
    ...mem({ Targets: '{{s1, s2, s3, s4}}', MaxTerm: '2', Passive: '{s3, s4}' }),
  },
  'raft/read-without-confirmation': {
    edits: [raft('    /\\ read[i].acks \\in Quorum\n', '    /\\ TRUE\n')],
    ...raftA({ ReadIndex: 'TRUE', Server: '{s1, s2, s3}', Passive: '{s3}', MaxTerm: '3', MaxLogLen: '2', ...noFaults }),
  },
  'raft/expire-by-local-time': {
    edits: [raft('ApplyAt(@, k, x, log[i][k - snapshot[i].index].time)', 'ApplyAt(@, k, x, clock[i])')],
    ...raftA({ Sessions: 'TRUE', SessionTimeout: '0', MaxClock: '1', MaxTerm: '2', MaxLogLen: '1' }),
  },
  'paxos/phase2a-any-value': {
    edits: [{ file: 'spec/Paxos.tla', from: '    /\\ \\/ Q1bv(Q, b) = {}\n', to: '    /\\ \\/ TRUE\n' }],
    ...paxosA,
  },
  'paxos/phase2b-ignores-promise': {
    edits: [{ file: 'spec/Paxos.tla', from: '       /\\ m.bal >= maxBal[a]\n', to: '       /\\ TRUE\n' }],
    ...paxosA,
  },
  'paxos/minority-quorums': {
    // The quorums (MCQuorum), and the ASSUME that they intersect, which the variant breaks.
    edits: [
      { file: 'spec/MCPaxos.tla', from: 'MCQuorum == {Q \\in SUBSET Acceptor : 2 * Cardinality(Q) > Cardinality(Acceptor)}', to: 'MCQuorum == {Q \\in SUBSET Acceptor : Q # {} /\\ 2 * Cardinality(Q) <= Cardinality(Acceptor)}' },
      { file: 'spec/Paxos.tla', from: 'ASSUME QuorumsIntersect == \\A Q1, Q2 \\in Quorum : Q1 \\cap Q2 # {}', to: 'ASSUME QuorumsIntersect == TRUE' },
    ],
    ...paxosA,
  },
  'paxos/two-proposals-per-ballot': {
    edits: [{ file: 'spec/Paxos.tla', from: '    /\\ ~ \\E m \\in msgs : m.type = "2a" /\\ m.bal = b\n', to: '    /\\ TRUE\n' }],
    ...paxosA,
  },
  'paxos/phase1b-forgets-vote': {
    edits: [{ file: 'spec/Paxos.tla', from: 'mbal |-> maxVBal[a], mval |-> maxVal[a]]', to: 'mbal |-> -1, mval |-> None]' }],
    ...paxosA,
  },
  'basicpaxos/one-phase': {
    // Timeout opens Phase 2 with p's own value; HandleAccept takes a ballot strictly above its promise and ignores any other.
    edits: [
      {
        file: 'spec/BasicPaxos.tla',
        from: '    /\\ Retry(p, IF ballot[p] = Nil THEN 0 ELSE ballot[p].round + 1)\n',
        to: '    /\\ ballot\' = [ballot EXCEPT ![p] = [round |-> IF ballot[p] = Nil THEN 0 ELSE ballot[p].round + 1, proposer |-> p]] '
          + '/\\ phase\' = [phase EXCEPT ![p] = "Phase2"] /\\ promises\' = [promises EXCEPT ![p] = {}] '
          + '/\\ highest\' = [highest EXCEPT ![p] = Nil] /\\ proposal\' = [proposal EXCEPT ![p] = ValueOf[p]]\n',
      },
      {
        file: 'spec/BasicPaxos.tla',
        from: 'HandleAccept(a, m) ==\n    \\/ /\\ ~ AtLeast(m.bal, promised[a])   \\* reject: a promised a higher ballot\n'
          + '       /\\ Reply([type |-> "Nack", source |-> a, dest |-> m.source, bal |-> m.bal,\n                 higher |-> promised[a]], m)\n'
          + '       /\\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>\n    \\/ /\\ AtLeast(m.bal, promised[a])     \\* accept\n',
        to: 'HandleAccept(a, m) ==\n    \\/ /\\ ~ Above(m.bal, promised[a])\n       /\\ Discard(m)\n'
          + '       /\\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>\n    \\/ /\\ Above(m.bal, promised[a])\n',
      },
    ],
    ...basicpaxos(),
  },
  'basicpaxos/ignore-reported-vote': {
    edits: [{ file: 'spec/BasicPaxos.tla', from: '= IF h = Nil THEN ValueOf[p] ELSE h.val]', to: '= ValueOf[p]]' }],
    ...basicpaxos(),
  },
  'basicpaxos/forget-promise-on-restart': {
    edits: [{
      file: 'spec/BasicPaxos.tla',
      from: '    \\/ /\\ i \\in Acceptor\n       /\\ UNCHANGED vars\n',
      to: '    \\/ /\\ i \\in Acceptor\n       /\\ promised\' = [promised EXCEPT ![i] = Nil] /\\ UNCHANGED <<proposerVars, accepted, learnerVars, msgs>>\n',
    }],
    ...basicpaxos({ RestartEnabled: 'TRUE', DropEnabled: 'FALSE' }),
  },
  'basicpaxos/round-only-ballots': {
    // Every proposer's ballot of round r is the same one (TypeScript: proposer '').
    edits: [{ file: 'spec/BasicPaxos.tla', from: '[round |-> r, proposer |-> p]]', to: '[round |-> r, proposer |-> CHOOSE q \\in Proposer : TRUE]]' }],
    ...basicpaxos(),
  },
  'multipaxos/skip-reproposal': {
    edits: [{ file: 'spec/MultiPaxos.tla', from: '= Reproposals(base[i], rep)]', to: '= {}]' }],
    ...multipaxosB,
  },
  'multipaxos/skip-phase1': {
    // StartElection: BecomeCandidate with role Leader.
    edits: [{
      file: 'spec/MultiPaxos.tla',
      from: '    /\\ BecomeCandidate(i, IF ballot[i] = Nil THEN 0 ELSE ballot[i].round + 1)\n',
      to: '    /\\ ballot\' = [ballot EXCEPT ![i] = [round |-> IF ballot[i] = Nil THEN 0 ELSE ballot[i].round + 1, leader |-> i]] '
        + '/\\ role\' = [role EXCEPT ![i] = "Leader"] /\\ base\' = [base EXCEPT ![i] = FirstOpen(decided[i])] '
        + '/\\ promises\' = [promises EXCEPT ![i] = {}] /\\ reported\' = [reported EXCEPT ![i] = {}] /\\ proposals\' = [proposals EXCEPT ![i] = {}]\n',
    }],
    ...multipaxosB,
  },
  'multipaxos/same-ballot-leaders': {
    // Every replica's ballot of round r is the same one (TypeScript: leader ''); HandOff, the other caller, is off.
    edits: [{ file: 'spec/MultiPaxos.tla', from: '[round |-> r, leader |-> i]]', to: '[round |-> r, leader |-> CHOOSE q \\in Replica : TRUE]]' }],
    ...multipaxosB,
  },
};
