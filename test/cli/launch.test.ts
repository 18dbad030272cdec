// bin.mjs starts the CLI from an esbuild bundle of the sources as they are now: same verdicts and exit
// codes as under tsx, an edit picked up at the next start, tsx's own error when the sources do not build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Per process; a test that starts several gets twice as long (a loaded host runs them many times slower). */
const SLOW = 300_000;

/** A copy of the sources whose node_modules links each package of the project's (its bundle cache is its own). */
function copyTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'launch-test-'));
  for (const part of ['src', 'model-check', 'explorer', 'report', 'package.json', 'tsconfig.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== '.cache') symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: SLOW });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const bin = (dir: string, ...args: string[]) => run(dir, 'src/cli/bin.mjs', ...args);
const cache = (dir: string) => join(dir, 'node_modules', '.cache', 'consensus-checked');
const bundles = (dir: string) => readdirSync(cache(dir)).filter((f) => f.endsWith('.mjs')).sort();

/** Replaces `from` (which must occur) by `to` in a file of the copy. */
function edit(dir: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, file), text.replace(from, to));
}

describe('bin.mjs: the CLI from a bundle of the current sources', () => {
  let dir = '';
  beforeAll(() => {
    dir = copyTree();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks with the counts and exit codes of the sources, worker threads included', () => {
    // Levels of Paxos on ballots 0..2 pass the 20,000 states from which the worker threads start.
    const ok = bin(dir, 'check', 'paxos', '--ballots', '2', '--json', '--workers', '2');
    expect(ok.code).toBe(0);
    expect(ok.err).not.toMatch(/error|\n\s+at /);
    expect(JSON.parse(ok.out)).toMatchObject({ verdict: 'ok', distinct: 185369, generated: 1382794, depth: 25, workers: 2 });
    expect(bundles(dir)).toHaveLength(1);
    const bad = bin(dir, 'check', 'paxos', '--variant', 'phase2a-any-value', '--workers', '1');
    expect(bad.code).toBe(12);
    expect(bad.out).toMatch(/Error: Invariant \w+ is violated\./);
    const usage = bin(dir, 'check', 'paxo');
    expect([usage.code, usage.err]).toEqual([2, "error: unknown protocol 'paxo' (expected: paxos, raft, basicpaxos, multipaxos, twophase)\n"]);
  }, 2 * SLOW);

  it('picks up an edited source at the next start, and reuses the bundle while nothing changes', () => {
    expect(bin(dir, '--help').out).toMatch(/^usage: consensus-checked /);
    edit(dir, 'src/cli/main.ts', 'usage: consensus-checked <command>', 'usage: edited-copy <command>');
    expect(bin(dir, '--help').out).toMatch(/^usage: edited-copy /);
    const manifest = readdirSync(cache(dir)).find((f) => f.endsWith('.json')) as string;
    const built = statSync(join(cache(dir), manifest)).mtimeMs;
    const listed = bundles(dir);
    expect(bin(dir, '--help').out).toMatch(/^usage: edited-copy /);
    expect([statSync(join(cache(dir), manifest)).mtimeMs, bundles(dir)]).toEqual([built, listed]);
  }, 2 * SLOW);

  it("names the TypeScript source's line in an internal error's stack", () => {
    edit(dir, 'src/cli/main.ts', "const pkg = JSON.parse(", "throw new Error('edited'); const pkg = JSON.parse(");
    const line = readFileSync(join(dir, 'src/cli/main.ts'), 'utf8').split('\n').findIndex((l) => l.includes("throw new Error('edited')")) + 1;
    const r = bin(dir, '--version');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^internal error: Error: edited\n {4}at main \(/);
    expect(r.err).toContain(`${join(dir, 'src/cli/main.ts')}:${line}:`);
  }, 2 * SLOW);

  it("falls back to tsx, with tsx's own error, when the sources do not build", () => {
    edit(dir, 'src/cli/commands/check.ts', 'export', 'export export');
    const before = bundles(dir);
    const bundledRun = bin(dir, 'check', 'paxos');
    const tsxRun = run(dir, '--import', 'tsx', 'src/cli/main.ts', 'check', 'paxos');
    expect(bundledRun.code).not.toBe(0);
    expect(bundledRun.err).toContain(join(dir, 'src/cli/commands/check.ts'));
    expect([bundledRun.code, bundledRun.out, bundledRun.err]).toEqual([tsxRun.code, tsxRun.out, tsxRun.err]);
    expect(bundles(dir)).toEqual(before);
  }, 2 * SLOW);
});
