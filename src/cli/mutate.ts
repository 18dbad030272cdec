// `npm run mutate` (a benchmark, not a test): applies the standard mutation operators to every
// action and guard of src/raft and src/paxos, one mutant at a time in a copy of the project, runs the
// default `check <protocol>` on each, and reports the kill rate. A surviving mutant is equivalent
// only if exhaustive runs at larger bounds give it the same distinct states, states generated and
// depth as the original; a mutant of a line that no run of the original executed (block coverage)
// is equivalent without a run. Options: --sample N, --seed S, --only ID, --list, --search-seconds X,
// --jobs N, --minutes M, --out F.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/index.ts';
import { intFlag, numberFlag, parseFlags } from './args.ts';
import { executedLines } from './mutate-coverage.ts';
import { mutantsOf, type Mutant } from './mutate-operators.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where each protocol's actions and guards live, and its larger exhaustive bounds for equivalence. */
const targets = [
  {
    protocol: 'raft', dirs: ['src/raft/actions', 'src/raft/handlers'], files: ['src/raft/log.ts'],
    larger: [
      ['--servers', '2', '--max-term', '4', '--max-log', '2'],
      ['--servers', '3', '--max-term', '2', '--max-log', '1', '--max-restarts', '0', '--drop', 'off', '--duplicate', 'off', '--passive', 's3'],
    ],
  },
  { protocol: 'paxos', dirs: ['src/paxos/actions'], files: ['src/paxos/voting.ts'], larger: [['--ballots', '2'], ['--acceptors', '4', '--values', '1', '--ballots', '1']] },
] as const;

type Outcome = 'killed' | 'crashed' | 'survived' | 'equivalent' | 'unexecuted' | 'invalid';

function allMutants(): Mutant[] {
  const out: Mutant[] = [];
  for (const t of targets) {
    const files = [...t.dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.ts')).sort().map((f) => `${d}/${f}`)), ...t.files];
    for (const f of files) readFileSync(join(root, f), 'utf8').split('\n').forEach((line, k) => out.push(...mutantsOf(f, k, line)));
  }
  return out;
}

const protocolOf = (m: Mutant): string => (m.file.startsWith('src/raft/') ? 'raft' : 'paxos');

interface Run {
  readonly code: number | null;
  readonly json: Record<string, unknown> | null;
  readonly seconds: number;
  readonly invalid: boolean;
}

/**
 * Runs `check` in the copy `dir` (with `coverage`, V8's block coverage goes there); the exit code and
 * the JSON summary. A mutant can loop forever inside one step, where the check's own budget and its
 * SIGTERM handler never run: the limit kills it (exit null, counted as a crash).
 */
function check(dir: string, args: readonly string[], coverage?: string): Promise<Run> {
  const t0 = performance.now();
  const env = coverage === undefined ? process.env : { ...process.env, NODE_V8_COVERAGE: coverage };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', ...args, '--json', '--workers', '1'], { cwd: dir, env, timeout: 600_000, killSignal: 'SIGKILL' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (x: string) => (stdout += x));
  child.stderr.setEncoding('utf8').on('data', (x: string) => (stderr += x));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
      } catch {
        json = null;
      }
      // A mutant that does not parse is no program: left out of the rates.
      resolve({ code, json, seconds: (performance.now() - t0) / 1000, invalid: /Transform failed|SyntaxError/.test(stderr) });
    });
  });
}

/** A larger run's name in `Originals.counts`. */
const runKey = (protocol: string, flags: readonly string[]): string => `${protocol} ${flags.join(' ')}`;

const counts = (j: Record<string, unknown> | null): string => (j === null ? 'none' : `${String(j['distinct'])}/${String(j['generated'])}/${String(j['depth'])}`);

/** A copy of the project to mutate: every source tree the CLI may import (tsconfig's include). */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mutate-'));
  for (const x of ['src', 'model-check', 'report', 'explorer', 'package.json', 'tsconfig.json'].filter((f) => existsSync(join(root, f)))) cpSync(join(root, x), join(dir, x), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

interface Originals {
  /** The counts of each larger exhaustive run, by `protocol flags`. */
  readonly counts: Map<string, string>;
  /** The lines some run of the original executed (the default check and the larger runs), by file. */
  readonly executed: Map<string, Set<number>>;
}

/** The original's runs in `dir`: the larger runs' counts, and with the default checks, the lines executed. */
async function originals(dir: string, extra: readonly string[]): Promise<Originals | string> {
  const cov = mkdtempSync(join(tmpdir(), 'mutate-coverage-'));
  try {
    const c = new Map<string, string>();
    for (const t of targets) {
      for (const b of t.larger) c.set(runKey(t.protocol, b), counts((await check(dir, [t.protocol, ...b], cov)).json));
      // The default check's guided passes are bounded by CPU time, which coverage costs about a tenth of.
      const r = await check(dir, [t.protocol, ...extra], cov);
      if (r.code !== 0) return `check ${t.protocol} (exit ${String(r.code)})`;
    }
    // A copy that cannot run the unmutated check would count every mutant as a crash.
    const broken = [...c].find(([, x]) => x === 'none');
    if (broken !== undefined) return `check ${broken[0]}`;
    return { counts: c, executed: executedLines(cov, dir) };
  } finally {
    rmSync(cov, { recursive: true, force: true });
  }
}

interface Result {
  readonly m: Mutant;
  readonly outcome: Outcome;
  readonly seconds: number;
  /** The violation's name, pass and trace length (null: none). */
  readonly name: unknown;
  readonly pass: unknown;
  readonly traceLength: unknown;
}

/** One mutant in the copy `dir`: the default check, then for a survivor the larger runs. */
async function runMutant(dir: string, m: Mutant, o: Originals, extra: readonly string[]): Promise<Result> {
  if (o.executed.get(m.file)?.has(m.line) !== true) return { m, outcome: 'unexecuted', seconds: 0, name: null, pass: null, traceLength: null };
  const path = join(dir, m.file);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  lines[m.line] = m.after;
  writeFileSync(path, lines.join('\n'));
  try {
    const p = protocolOf(m);
    const r = await check(dir, [p, ...extra]);
    const v = (r.json?.['violation'] ?? null) as Record<string, unknown> | null;
    let outcome: Outcome = r.invalid ? 'invalid' : r.code === 12 || r.code === 11 ? 'killed' : r.code === 0 ? 'survived' : 'crashed';
    if (outcome === 'survived') {
      let same = true;
      for (const b of targets.find((x) => x.protocol === p)?.larger ?? []) same &&= counts((await check(dir, [p, ...b])).json) === o.counts.get(runKey(p, b));
      if (same) outcome = 'equivalent';
    }
    return { m, outcome, seconds: r.seconds, name: v?.['name'] ?? null, pass: v?.['pass'] ?? null, traceLength: v?.['traceLength'] ?? null };
  } finally {
    writeFileSync(path, text);
  }
}

function line(r: Result): string {
  const v = r.name === null ? '' : ` (${String(r.name)}, pass ${String(r.pass)}, ${String(r.traceLength)} states)`;
  return `${r.m.id} ${r.m.operator} ${r.outcome}${v} ${r.seconds.toFixed(1)} s: ${r.m.after.trim()}`;
}

async function main(): Promise<void> {
  const { values } = parseFlags(process.argv.slice(2), {
    sample: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string', multiple: true }, list: { type: 'boolean' },
    'search-seconds': { type: 'string' }, jobs: { type: 'string' }, minutes: { type: 'string' }, out: { type: 'string' },
  }, 'mutate');
  const str = (k: string): string | undefined => values[k] as string | undefined;
  const size = intFlag(str('sample'), 'sample', 1);
  const seed = intFlag(str('seed'), 'seed', 0, 0xffffffff) ?? 1;
  const jobs = intFlag(str('jobs'), 'jobs', 1, 64) ?? 1;
  const minutes = intFlag(str('minutes'), 'minutes', 1);
  const only = values['only'] as string[] | undefined;
  const searchSeconds = numberFlag(str('search-seconds'), 'search-seconds');
  let mutants = allMutants();
  if (values.list === true) {
    for (const m of mutants) console.log(`${m.id} ${m.operator}: ${m.after.trim()}`);
    console.log(`${mutants.length} mutants`);
    return;
  }
  if (only !== undefined) mutants = mutants.filter((m) => only.includes(m.id));
  if (mutants.length === 0) throw new UsageError(`no mutant has the id ${only?.join(', ') ?? ''} (--list shows them)`);
  if (size !== undefined) mutants = sample(mutants, size, seed);
  // With --minutes, no mutant starts after the deadline: the report covers those run (in --sample's
  // random order, a random sample).
  const deadline = minutes === undefined ? Infinity : Date.now() + minutes * 60_000;
  const extra = searchSeconds !== undefined ? ['--search-seconds', String(searchSeconds)] : [];
  const dirs = Array.from({ length: jobs }, copyProject);
  const results: Result[] = [];
  try {
    const o = await originals(dirs[0] as string, extra);
    if (typeof o === 'string') {
      console.error(`the unmutated copy fails \`${o}\`: fix the copy before counting mutants`);
      process.exitCode = 1;
      return;
    }
    let next = 0;
    await Promise.all(dirs.map(async (dir) => {
      while (next < mutants.length && Date.now() < deadline) {
        const r = await runMutant(dir, mutants[next++] as Mutant, o, extra);
        results.push(r);
        console.log(line(r));
      }
    }));
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  if (results.length < mutants.length) console.log(`\nstopped at the deadline: ${results.length} of ${mutants.length} mutants run`);
  report(results.map((r) => r.outcome));
  const out = str('out');
  if (out !== undefined) writeFileSync(out, JSON.stringify(results.map((r) => ({ ...r, m: { id: r.m.id, operator: r.m.operator, after: r.m.after.trim() } })), null, 1));
}

function report(all: readonly Outcome[]): void {
  const outcomes = all.filter((o) => o !== 'invalid');
  const n = (o: Outcome) => outcomes.filter((x) => x === o).length;
  if (all.length > outcomes.length) console.log(`${all.length - outcomes.length} mutants did not parse (left out)`);
  const detected = n('killed') + n('crashed');
  const equivalent = n('equivalent') + n('unexecuted');
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
  console.log(`\n${outcomes.length} mutants: ${n('killed')} killed, ${n('crashed')} crashed the check, ${n('survived')} survived, ${equivalent} equivalent (${n('unexecuted')} of them on lines no run of the original executed)`);
  console.log(`kill rate: ${pct(detected, outcomes.length)} of all, ${pct(detected, outcomes.length - equivalent)} of the non-equivalent`);
}

/** `k` mutants drawn without replacement, reproducibly from `seed`. */
function sample<T>(xs: readonly T[], k: number, seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  for (let i = a.length - 1; i > 0; i--) {
    const j = rnd(i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, k);
}

try {
  await main();
} catch (e) {
  // Bad flags: one line and exit 2, as the CLI does.
  if (!(e instanceof UsageError)) throw e;
  console.error(`mutate: ${e.message}`);
  process.exitCode = 2;
}
