// CLI edges a reviewer found (issue #12, item 6): each is one clear line and exit 2, or a plain answer.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/raft/index.ts';
import { cli, expectUsageError, root } from './helpers.ts';

describe('bad values get our message, not the flag parser\'s', () => {
  it.each([
    [['check', 'raft', '--servers', '-1'], /--servers must be a number from 1 to 9 or a list like s1,s2, got '-1'$/m],
    [['check', 'raft', '--max-term', '-2'], /--max-term must be a whole number >= 1, got '-2'/],
    [['check', 'paxos', '--ballots', '-1'], /--ballots: expected the highest ballot, .*got '-1'/],
    [['check', 'raft', '--servers'], /check raft: --servers needs a value/],
    [['check', 'raft', '--servers', 'abc'], /--servers 'abc' is neither a count nor a list: write a number from 1 to 9, or names with commas like s1,s2 \(one name: abc,\)/],
    [['check', 'raft', '--values', 'x'], /--values 'x' is neither a count nor a list/],
  ])('%j', (args, pattern) => {
    const r = cli(...args);
    expectUsageError(r, pattern);
    expect(r.err).not.toMatch(/Option '|ambiguous|To specify/);
  });

  it('a list of servers needs a comma; one name is written with a trailing one', () => {
    expect(parseConfig({ servers: 'x,' }).config.servers).toEqual(['x']);
    expect(parseConfig({ servers: 'b,a' }).config.servers).toEqual(['a', 'b']);
    expect(parseConfig({ servers: '3' }).config.servers).toEqual(['s1', 's2', 's3']);
  });
});

describe('help and version', () => {
  it.each([['--help'], ['-h']])('check %s prints the general help and the protocols, exit 0', (flag) => {
    const r = cli('check', flag);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: consensus-checked check <protocol>/);
    expect(r.out).toMatch(/^ {2}paxos {3}single-decree Paxos/m);
    expect(r.out).toMatch(/^ {2}raft {4}Raft after/m);
    expect(r.err).toBe('');
  });

  it("--version prints package.json's version, exit 0", () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    const r = cli('--version');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${version}\n`);
  });
});

describe('--dfs', () => {
  it('does not call its trace the shortest', () => {
    const r = cli('check', 'paxos', '--variant', 'phase2a-any-value', '--dfs', '30');
    expect(r.code).toBe(12);
    expect(r.out).toMatch(/^A behavior that shows it \(\d+ states; found depth-first, not necessarily the shortest\):$/m);
    expect(r.out).not.toMatch(/shortest behavior/);
  });
});

describe('a reader that stops early', () => {
  it('ends the output quietly: no stack trace (EPIPE), exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', 'raft', '--list'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // as `| head -0` would
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(err).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});
