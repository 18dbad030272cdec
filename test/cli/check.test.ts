// The command line as a user meets it: exit codes as TLC's, one clear line for bad input.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function expectUsageError(r: ReturnType<typeof cli>, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^error: /);
  expect(r.err).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('check: bad input is one line and exit 2', () => {
  it.each([
    [['check', 'paxo'], /unknown protocol 'paxo' \(expected: paxos, raft, basicpaxos, multipaxos, twophase\)/],
    [['chek'], /unknown command 'chek'/],
    [['check'], /which protocol\? \(expected: paxos, raft, basicpaxos, multipaxos, twophase\)/],
    [['check', 'paxos', '--bogus'], /unknown option '--bogus' for 'check paxos' \(expected: .*--acceptors/],
    [['check', 'paxos', '--variant', 'nope'], /unknown variant 'nope' for paxos \(expected: .*phase2a-any-value/],
    [['check', 'paxos', '--acceptors', '0'], /acceptors/],
    [['check', 'paxos', '--values', '0'], /values/],
    [['check', 'paxos', '--quorums', 'a1;a2'], /intersect/],
    [['check', 'raft', '--max-term', 'x'], /--max-term must be/],
    [['check', 'raft', '--servers', '0'], /--servers must be/],
    [['check', 'raft', '--max-drops', 'x'], /--max-drops must be none or a whole number/],
    [['check', 'raft', '--max-states', '-3'], /max-states/],
    [['check', 'raft', '--workers', '0'], /--workers must be/],
    [['check', 'raft', 'extra'], /unexpected argument 'extra'/],
    [['check', 'raft', '--depth', '3'], /--depth and --seed go with --simulate/],
  ])('%j', (args, pattern) => {
    expectUsageError(cli(...args), pattern);
  });
});

describe('check: verdicts and exit codes', () => {
  it('exit 0 and the figures when every invariant holds (paxos, TLC: 3,921 distinct, depth 17)', () => {
    const r = cli('check', 'paxos', '--ballots', '1', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3,921 distinct states, 23,839 generated, depth 17/);
    expect(r.out).toMatch(/All invariants hold\./);
  });

  it('exit 12 and the shortest trace when a variant breaks an invariant', () => {
    const r = cli('check', 'paxos', '--variant', 'phase2a-any-value', '--workers', '1');
    expect(r.code).toBe(12);
    expect(r.out).toMatch(/Error: Invariant \w+ is violated\./);
    expect(r.out).toMatch(/^1: <Initial state>$/m);
    expect(r.out).not.toMatch(/All invariants hold/);
  });

  it('exit 3 and "Incomplete", never "hold", when stopped early', () => {
    const r = cli('check', 'raft', '--max-states', '500', '--workers', '1');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/Incomplete: stopped at --max-states 500/);
    expect(r.out).not.toMatch(/All invariants hold/);
  });

  it('exit 3 with the figures so far when --memory is reached', () => {
    const r = cli('check', 'raft', '--servers', '3', '--max-term', '2', '--max-log', '0', '--memory', '0.01', '--workers', '1');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/Incomplete: stopped at --memory 0.0 GiB/);
    expect(r.out).toMatch(/[\d,]+ distinct states/);
  });

  it('--json prints one machine-readable summary', () => {
    const r = cli('check', 'paxos', '--ballots', '1', '--json', '--workers', '1');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j).toMatchObject({ protocol: 'paxos', verdict: 'ok', distinct: 3921, generated: 23839, depth: 17, violation: null });
  });

  it('2 workers give the same counts as 1', () => {
    const r = cli('check', 'paxos', '--ballots', '1', '--json', '--workers', '2');
    expect(JSON.parse(r.out)).toMatchObject({ distinct: 3921, generated: 23839, depth: 17, workers: 2 });
  });

  it('--simulate finds a variant bug with a reproducible seed', () => {
    const a = cli('check', 'paxos', '--variant', 'phase2a-any-value', '--simulate', '2000', '--depth', '30', '--seed', '5');
    const b = cli('check', 'paxos', '--variant', 'phase2a-any-value', '--simulate', '2000', '--depth', '30', '--seed', '5');
    expect(a.code).toBe(12);
    const withoutTime = (out: string) => out.replace(/, [\d.]+ s, seed/, ', seed');
    expect(withoutTime(a.out)).toBe(withoutTime(b.out));
    expect(a.out).toMatch(/A random behavior that shows it \(\d+ states; not necessarily the shortest; seed 5\)/);
  });

  it('--help lists constants, variants and exit codes', () => {
    const r = cli('check', 'raft', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--max-term <v>/);
    expect(r.out).toMatch(/Exit codes: 0 all hold, 2 bad input, 3 incomplete, 11 deadlock, 12 property violated/);
  });
});

describe('check: interrupted', () => {
  it('Ctrl-C stops a parallel run with exit 130 and leaves no spilled level behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'check-sigint-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', 'raft', '--servers', '3', '--max-term', '2', '--max-log', '1', '--workers', '2', '--spill', '500'], {
      cwd: root, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const spilled = (): boolean => readdirSync(tmp).some((d) => d.startsWith('consensus-checked-') && readdirSync(join(tmp, d)).length > 0);
    for (let k = 0; k < 600 && !spilled() && child.exitCode === null; k++) await new Promise((r) => setTimeout(r, 100));
    expect(spilled()).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(err).toMatch(/Interrupted by SIGINT/);
    expect(readdirSync(tmp).filter((d) => d.startsWith('consensus-checked-'))).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  }, 90_000);
});
