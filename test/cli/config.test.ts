// `check --config F.cfg`: the model TLC reads, with the same counts; flags beside it win, printed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, expectUsageError } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a .cfg into the temporary directory; returns its path. */
function cfg(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const raftSmall = [
  'SPECIFICATION MCSpec',
  'CONSTANTS s1 = s1 s2 = s2 v1 = v1 Nil = Nil Unbounded = Unbounded',
  '  Server = {s1, s2}  Value = {v1}  HistoryFields = TRUE  MaxAppendEntries = 1  RejectHint = FALSE  LeadershipTransfer = FALSE  Snapshots = FALSE',
  '  MaxTerm = 2  MaxLogLen = 1  MaxDup = 1  MaxMsgs = 1',
  '  MaxRestarts = Unbounded  MaxDrops = Unbounded  MaxDuplicates = 1  Passive = {}',
  '  DropEnabled = TRUE  DuplicateEnabled = TRUE  c1 = c1  Sessions = FALSE  Client = {c1}  MaxSeq = 1  PreVote = FALSE  CheckQuorum = FALSE  Membership = "off"  InitVoters = {s1, s2}  InitLearners = {}  MaxConfigChanges = 0  Targets = {}  LearnerRemovals = {}  ReadIndex = FALSE  MaxReads = 1  SessionTimeout = Unbounded  MaxClock = 2',
  'CONSTRAINT StateConstraint',
  'VIEW MCView',
  'INVARIANTS TypeOK ElectionSafety',
  'PROPERTIES LeaderAppendOnly',
  'CHECK_DEADLOCK FALSE',
];

const json = (r: ReturnType<typeof cli>) => JSON.parse(r.out) as Record<string, unknown>;

describe('check --config: the same model as TLC reads', () => {
  it('spec/MCPaxos.cfg gives TLC counts (3,921 / 23,839 / 17), its invariants, and infers paxos', () => {
    const r = cli('check', '--config', 'spec/MCPaxos.cfg', '--json', '--workers', '1');
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({
      protocol: 'paxos', config: 'spec/MCPaxos.cfg', distinct: 3921, generated: 23839, depth: 17, verdict: 'ok',
      invariants: ['TypeOK', 'OneValuePerBallot', 'VotesSafe', 'Consistency', 'ChosenWasProposed', 'MaxVoteIsVote', 'Msg1bTruthful', 'Msg2aSafe', 'Msg2aUnique'],
    });
  });

  it('spec/MCRaft.cfg gives TLC counts (46,741 / 371,911 / 46) and checks LeaderAppendOnly', () => {
    const r = cli('check', 'raft', '--config', 'spec/MCRaft.cfg', '--json', '--workers', '1');
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ protocol: 'raft', distinct: 46741, generated: 371911, depth: 46, actionProperties: ['LeaderAppendOnly', 'NoDisruptiveTermRaise', 'ReadsLinearizable'] });
  });

  it('a generated .cfg with other constants gives the counts of the same flags', () => {
    const path = cfg('MCRaft-small.cfg', raftSmall);
    const a = json(cli('check', '--config', path, '--json', '--workers', '1'));
    const b = json(cli('check', 'raft', '--max-term', '2', '--max-log', '1', '--max-dups', '1', '--json', '--workers', '1'));
    expect(a['settings']).toBe(b['settings']);
    expect([a['distinct'], a['generated'], a['depth']]).toEqual([b['distinct'], b['generated'], b['depth']]);
    expect(a['invariants']).toEqual(['TypeOK', 'ElectionSafety']);
  });

  it('SYMMETRY MCSymmetry turns on symmetry reduction, as --symmetry', () => {
    const path = cfg('MCPaxos-sym.cfg', ['SPECIFICATION Spec', 'CONSTANTS Acceptor = {a1, a2, a3} Value = {v1, v2} Quorum <- MCQuorum MaxBallot = 1 None = None', 'SYMMETRY MCSymmetry', 'INVARIANT Consistency']);
    const a = json(cli('check', '--config', path, '--json', '--workers', '1'));
    const b = json(cli('check', 'paxos', '--symmetry', '--invariant', 'Consistency', '--json', '--workers', '1'));
    expect(a['symmetry']).toBe(true);
    expect([a['distinct'], a['generated']]).toEqual([b['distinct'], b['generated']]);
  });

  it('a flag beside --config wins, and the override is printed', () => {
    const r = cli('check', '--config', 'spec/MCPaxos.cfg', '--ballots', '0', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Override: --ballots 0 overrides spec\/MCPaxos\.cfg:\d+ \(MaxBallot = 1\)$/m);
    expect(r.out).toMatch(/Ballot = 0\.\.0/);
  });

  it.each([
    [['check', '--config', 'nope.cfg'], /cannot tell the protocol|cannot read 'nope\.cfg'/],
    [['check', 'raft', '--config', 'spec/MCPaxos.cfg'], /--config spec\/MCPaxos\.cfg is a model of MCPaxos \(paxos\), not of raft/],
    [['check', 'raft', '--config', 'spec/missing.cfg'], /--config: cannot read 'spec\/missing\.cfg' \(ENOENT\)/],
    [['check', 'raft', '--config'], /--config needs a file/],
    [['check', '--config', 'spec/MCRaft.cfg', '--config=spec/MCPaxos.cfg'], /--config given 2 times \(spec\/MCRaft\.cfg, spec\/MCPaxos\.cfg\): give one model file/],
  ])('%j: one line, exit 2', (args, pattern) => {
    expectUsageError(cli(...args), pattern);
  });

  it.each([
    ['unknown constant', ['MaxTerms = 2'], /MCRaft-bad\.cfg:12: unknown constant MaxTerms for MCRaft \(expected: Server, /],
    ['unknown invariant', ['INVARIANT Safety'], /MCRaft-bad\.cfg:12: unknown invariant 'Safety' for raft \(expected: TypeOK, /],
    ['unknown property', ['PROPERTY Liveness'], /MCRaft-bad\.cfg:12: PROPERTY: unknown action property 'Liveness' for raft \(expected: LeaderAppendOnly, NoDisruptiveTermRaise, LearnerNeverCounts, ReadsLinearizable\)/],
    ['unsupported directive', ['ACTION_CONSTRAINT Foo'], /MCRaft-bad\.cfg:12: ACTION_CONSTRAINT is not supported by check/],
    ['unknown constraint', ['CONSTRAINT Other'], /MCRaft-bad\.cfg:12: unknown CONSTRAINT Other for MCRaft \(expected: StateConstraint\)/],
    ['bad value', ['CONSTANT MaxLogLen = {s1}'], /MCRaft-bad\.cfg:12 \(MaxLogLen = \{s1\}\): --max-log must be a whole number/],
  ])('%s: file:line, exit 2', (_, extra, pattern) => {
    const lines = raftSmall.filter((l) => !l.startsWith('INVARIANTS')).concat(['INVARIANTS TypeOK']);
    const path = cfg('MCRaft-bad.cfg', [...lines, ...extra.map((l) => (l.includes('=') && !l.startsWith('CONSTANT') ? `CONSTANTS ${l}` : l))]);
    expectUsageError(cli('check', '--config', path), pattern);
  });

  it.each([
    ['a quorum naming an unknown acceptor', 'Acceptor = {a1, a2} Value = {v1} Quorum = {{a1, a3}}', /MCPaxos-sub\.cfg:2 \(Quorum = \{\{a1, a3\}\}\): --quorums: unknown acceptor 'a3' in quorum 'a1,a3'/],
    ['an undefined definition', 'Acceptor <- MCAcceptors Value <- MCValue Quorum <- MCQuorum', /MCPaxos-sub\.cfg:2: Acceptor <- MCAcceptors: .*MCPaxos\.tla defines no MCAcceptors/],
    ['quorums as a set of sets', 'Acceptor = {a1, a2} Value = {v1} Quorum = {{a1}, {a2}}', /MCPaxos-sub\.cfg:2 \(Quorum = \{\{a1\}, \{a2\}\}\): --quorums: quorums \{a1\} and \{a2\} do not intersect/],
  ])('a substitution or value the module cannot give: %s', (_, constants, pattern) => {
    const path = cfg('MCPaxos-sub.cfg', ['SPECIFICATION Spec', `CONSTANTS ${constants} MaxBallot = 1 None = None`]);
    expectUsageError(cli('check', '--config', path), pattern);
  });

  it('a constant the file leaves out is an error, as in TLC', () => {
    const path = cfg('MCRaft-missing.cfg', raftSmall.map((l) => l.replace('MaxMsgs = 1', '')));
    expectUsageError(cli('check', '--config', path), /MCRaft-missing\.cfg: no value for constant MaxMsgs/);
  });
});

describe('--invariant, --no-invariant, --action-property, --list', () => {
  it('a Paxos variant checked for Consistency alone reports a Consistency trace, its length in --json', () => {
    const r = cli('check', 'paxos', '--variant', 'phase2a-any-value', '--invariant', 'Consistency', '--json', '--workers', '1');
    expect(r.code).toBe(12);
    const v = json(r)['violation'] as Record<string, unknown>;
    expect(v).toMatchObject({ kind: 'invariant', name: 'Consistency', traceLength: 13, shortest: true });
    expect((v['trace'] as unknown[]).length).toBe(13);
  });

  it('--no-invariant leaves one out of the default (all)', () => {
    const r = json(cli('check', 'paxos', '--ballots', '1', '--no-invariant', 'TypeOK', '--no-invariant', 'Msg2aUnique', '--json', '--workers', '1'));
    expect(r['invariants']).toEqual(['OneValuePerBallot', 'VotesSafe', 'Consistency', 'ChosenWasProposed', 'MaxVoteIsVote', 'Msg1bTruthful', 'Msg2aSafe']);
  });

  it('--no-action-property leaves LeaderAppendOnly out', () => {
    const r = json(cli('check', 'raft', '--max-term', '1', '--no-action-property', 'LeaderAppendOnly', '--json', '--workers', '1'));
    expect(r['actionProperties']).toEqual(['NoDisruptiveTermRaise', 'LearnerNeverCounts', 'ReadsLinearizable']);
  });

  it('a negated witness is an invariant to select, with a trace to the witness', () => {
    const r = cli('check', 'paxos', '--invariant', 'NotValueChosen', '--json', '--workers', '1');
    expect(r.code).toBe(12);
    expect(json(r)['violation']).toMatchObject({ name: 'NotValueChosen' });
  });

  it.each([
    [['check', 'paxos', '--invariant', 'Safety'], /--invariant: unknown invariant 'Safety' for Paxos \(expected: TypeOK, .*Consistency/],
    [['check', 'paxos', '--no-invariant', 'Safety'], /--no-invariant: unknown invariant 'Safety'/],
    [['check', 'raft', '--action-property', 'X'], /--action-property: unknown action property 'X' for .* \(expected: LeaderAppendOnly, NoDisruptiveTermRaise, LearnerNeverCounts, ReadsLinearizable\)/],
    [['check', 'paxos', '--invariant', 'TypeOK', '--no-invariant', 'TypeOK'], /--invariant TypeOK and --no-invariant TypeOK contradict each other/],
  ])('%j: one line, exit 2', (args, pattern) => {
    expectUsageError(cli(...args), pattern);
  });

  it('--list prints what a protocol offers', () => {
    const r = cli('check', 'raft', '--list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/invariants \(default: all\): TypeOK, ElectionSafety, /);
    expect(r.out).toMatch(/action properties \(default: all\): LeaderAppendOnly, NoDisruptiveTermRaise, LearnerNeverCounts, ReadsLinearizable/);
    expect(r.out).toMatch(/witnesses: LeaderElected, /);
    expect(r.out).toMatch(/variants: .*commit-previous-term/);
    expect(r.out).toMatch(/--max-term \(MaxTerm\), default 3/);
  });
});
