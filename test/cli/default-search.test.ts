// The default search of `check` (exhaustive passes, then a guided one), witnesses as checks and
// --coverage, as a user runs them. Verdicts only: no assertion depends on timing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkDefault } from '../../src/cli/commands/check-default.ts';
import { plans, type Plan } from '../../src/cli/commands/check-defaults.ts';
import { check, propertiesOfFlags } from '../../src/cli/commands/check.ts';
import { protocols } from '../../src/cli/registry.ts';
import { cli, expectUsageError } from './helpers.ts';

const json = (r: ReturnType<typeof cli>) => JSON.parse(r.out.trim().split('\n').pop() as string) as Record<string, unknown>;
const UNREACHABLE = ['EntryCommitted', 'FollowerCommitted', 'EntryEverywhere'];
// Generous: each spawns a checker, and the host may be loaded (no assertion depends on time).
const SLOW = 240_000;

describe('witnesses are checks', () => {
  it('an exhaustive run that never reaches a witness fails with exit 12, naming it', () => {
    const r = cli('check', 'raft', '--max-log', '0', '--workers', '1');
    expect(r.code).toBe(12);
    expect(r.out).toMatch(/^Error: witnesses never reached: EntryCommitted, FollowerCommitted, EntryEverywhere/m);
    expect(r.out).toMatch(/^Witnesses reached: LeaderElected$/m);
    expect(r.out).not.toMatch(/All invariants hold/);
  }, SLOW);

  it('--allow-unreached reports them without failing', () => {
    const a = cli('check', 'raft', '--max-log', '0', '--workers', '1', ...UNREACHABLE.flatMap((w) => ['--allow-unreached', w]));
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^Witnesses not reached \(allowed\): EntryCommitted, FollowerCommitted, EntryEverywhere$/m);
    expect(a.out).toMatch(/All invariants hold\./);
  }, SLOW);

  it('--no-witness leaves them out, --witness requires only the one named', () => {
    expect(cli('check', 'raft', '--max-log', '0', '--workers', '1', ...UNREACHABLE.flatMap((w) => ['--no-witness', w])).code).toBe(0);
    expect(cli('check', 'raft', '--max-log', '0', '--workers', '1', '--witness', 'LeaderElected').code).toBe(0);
  }, SLOW);

  it('--json names the witnesses not reached, verdict unreached', () => {
    const j = cli('check', 'raft', '--max-log', '0', '--workers', '1', '--json');
    expect(j.code).toBe(12);
    expect(json(j)).toMatchObject({ verdict: 'unreached', unreachedWitnesses: UNREACHABLE, violation: null });
  }, SLOW);

  it('a simulation (not exhaustive) reports the witnesses it reached and is not failed by the others', () => {
    const r = cli('check', 'paxos', '--simulate', '3', '--depth', '2', '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Witnesses not reached by this search \(not exhaustive, so no verdict\): .*ValueChosen/m);
  }, SLOW);

  it.each([
    [['check', 'raft', '--witness', 'Elected'], /--witness: unknown witness 'Elected' for .* \(expected: LeaderElected, /],
    [['check', 'raft', '--allow-unreached', 'X', '--max-term', '2'], /--allow-unreached: unknown witness 'X'/],
    [['check', 'raft', '--witness', 'LeaderElected', '--no-witness', 'LeaderElected'], /--witness LeaderElected and --no-witness LeaderElected contradict each other/],
    [['check', 'raft', '--swarm', '--max-term', '2'], /--swarm goes with --simulate N/],
    [['check', 'raft', '--max-term', '2', '--search-seconds', '3'], /--search-seconds goes with the default search, which --max-term turns off/],
    [['check', 'raft', '--max-term', '2', '--search-walks', '3'], /--search-walks goes with the default search, which --max-term turns off/],
    [['check', 'raft', '--search-walks', '0'], /--search-walks must be/],
  ])('%j', (args, pattern) => {
    expectUsageError(cli(...args), pattern);
  });
});

describe('--coverage', () => {
  it('names the actions never taken and counts each one taken', () => {
    const r = cli('check', 'raft', '--max-term', '2', '--max-log', '1', '--coverage');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Coverage: actions never taken: TransferLeadership$/m);
    expect(r.out).toMatch(/^ {2}Receive AppendEntriesRequest: [\d,]+ times, offered [\d,]+$/m);
    expect(r.out).toMatch(/^ {2}ClientRequest: [\d,]+ times/m);
  }, SLOW);
});

describe('the default search', () => {
  it('finds a variant in its first exhaustive pass with the shortest trace (exit 12)', () => {
    const r = cli('check', 'paxos', '--variant', 'phase2a-any-value', '--workers', '1', '--json');
    expect(r.code).toBe(12);
    expect(json(r)).toMatchObject({ search: 'default', verdict: 'violation', violation: { pass: 'A', shortest: true } });
  }, SLOW);

  describe('in process, with a small plan', () => {
    let out = '';
    afterEach(() => {
      vi.restoreAllMocks();
      out = '';
    });
    const run = async (variant: string | null, values: Record<string, string | boolean>) => {
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const paxos = await (protocols['paxos'] as () => Promise<Parameters<typeof checkDefault>[1]>)();
      const plan = { passes: [{ name: 'A', constants: {}, kind: 'exhaustive' as const }, { name: 'G', constants: { ballots: '2' }, kind: 'guided' as const }], searchSeconds: 0.5 };
      return checkDefault('paxos', paxos, { workers: '1', ...values }, variant, plan, propertiesOfFlags(values));
    };

    it('says what it exhausted and what it only searched; exit 0 on the correct protocol', async () => {
      const code = await run(null, { seed: '5' });
      expect(code).toBe(0);
      expect(out).toMatch(/^Pass A \(exhaustive; .*\): 3,921 distinct states, 23,839 generated, depth 17, .*, exhausted$/m);
      expect(out).toMatch(/^Pass G \(guided; .*\): [\d,]+ distinct states, .*, not exhaustive$/m);
      expect(out).toMatch(/^Exhausted: A \(3,921 states\)\. Searched, not exhaustive: G\.$/m);
      expect(out).toMatch(/^No violation: every invariant holds in the passes exhausted \(A\); the guided search found none\.$/m);
    }, SLOW);

    it('the JSON summary lists the passes and their outcomes', async () => {
      const code = await run(null, { seed: '5', json: true });
      expect(code).toBe(0);
      const j = JSON.parse(out) as Record<string, unknown>;
      expect(j).toMatchObject({ search: 'default', verdict: 'ok', seed: 5, violation: null, unreachedWitnesses: [] });
      expect(j['passes']).toMatchObject([{ name: 'A', outcome: 'exhausted', distinct: 3921 }, { name: 'G', kind: 'guided', outcome: 'searched' }]);
    }, SLOW);
  });

  describe('raft: the deep variants from Init (in process, one worker, no time box)', () => {
    let out = '';
    afterEach(() => {
      vi.restoreAllMocks();
      out = '';
    });
    const run = async (variant: string, plan: Plan, values: Record<string, string | boolean>) => {
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const raft = await (protocols['raft'] as () => Promise<Parameters<typeof checkDefault>[1]>)();
      const code = await checkDefault('raft', raft, { workers: '1', json: true, ...values }, variant, plan, propertiesOfFlags(values));
      return { code, j: JSON.parse(out) as { verdict: string; violation: { name: string; pass: string; traceLength: number; shortest: boolean } } };
    };
    const raft = plans['raft'] as Plan;

    it('the default plan finds Figure 8 (commit-previous-term) in its exhaustive pass C, with the shortest trace', async () => {
      const { code, j } = await run('commit-previous-term', raft, {});
      expect(code).toBe(12);
      expect(j.violation).toMatchObject({ name: 'CommittedSurvivesElection', pass: 'C', shortest: true, traceLength: 42 });
    }, 900_000);

    it('its guided pass D finds Figure 8 too with a fixed seed and walk budget', async () => {
      const onlyD: Plan = { ...raft, passes: raft.passes.filter((p) => p.name === 'D') };
      const { code, j } = await run('commit-previous-term', onlyD, { seed: '8', 'search-walks': '700' });
      expect(code).toBe(12);
      expect(j.violation).toMatchObject({ name: 'CommittedSurvivesElection', pass: 'D', shortest: false });
    }, 900_000);

    it('its guided pass D finds append-without-log-check with a fixed seed and walk budget (the same on any machine)', async () => {
      const onlyD: Plan = { ...raft, passes: raft.passes.filter((p) => p.name === 'D') };
      const { code, j } = await run('append-without-log-check', onlyD, { seed: '3', 'search-walks': '1000' });
      expect(code).toBe(12);
      expect(j.violation).toMatchObject({ name: 'LogMatching', pass: 'D', shortest: false });
      expect(j.violation.traceLength).toBeGreaterThan(40);
    }, 900_000);
  });

  it('an opt-in feature flag keeps the default search and reaches every pass (a variant under --prevote on, found in pass A)', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((x) => ((out += String(x)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await check.run(['raft', '--variant', 'timeout-without-prevote', '--prevote', 'on', '--workers', '1', '--json']);
      expect(code).toBe(12);
      const j = JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
      expect(j).toMatchObject({ search: 'default', verdict: 'violation', violation: { name: 'NoDisruptiveTermRaise', pass: 'A', traceLength: 13 } });
    } finally {
      vi.restoreAllMocks();
    }
  }, SLOW);
});
