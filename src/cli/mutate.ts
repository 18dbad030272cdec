// `npm run mutate` (a benchmark, not a test): applies the standard mutation operators to every
// action and guard of src/raft and src/paxos, one mutant at a time in a copy of the project, runs the
// default `check <protocol>` on each, and reports the kill rate. A surviving mutant is equivalent
// only if exhaustive runs at larger bounds give it the same distinct states, states generated and
// depth as the original. Options: --sample N, --seed S, --only ID, --list, --search-seconds X, --out F.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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

type Outcome = 'killed' | 'crashed' | 'survived' | 'equivalent' | 'invalid';

function allMutants(): Mutant[] {
  const out: Mutant[] = [];
  for (const t of targets) {
    const files = [...t.dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.ts')).sort().map((f) => `${d}/${f}`)), ...t.files];
    for (const f of files) readFileSync(join(root, f), 'utf8').split('\n').forEach((line, k) => out.push(...mutantsOf(f, k, line)));
  }
  return out;
}

const protocolOf = (m: Mutant): string => (m.file.startsWith('src/raft/') ? 'raft' : 'paxos');

/** Runs `check` in the copy; the exit code and the JSON summary (null if none was printed). */
function check(dir: string, args: readonly string[]): { code: number | null; json: Record<string, unknown> | null; seconds: number; invalid: boolean } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', ...args, '--json', '--workers', '1'], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
  } catch {
    json = null;
  }
  // A mutant that does not parse is no program: left out of the rates.
  const invalid = /Transform failed|SyntaxError/.test(r.stderr);
  return { code: r.status, json, seconds: (performance.now() - t0) / 1000, invalid };
}

const counts = (j: Record<string, unknown> | null): string => (j === null ? 'none' : `${String(j['distinct'])}/${String(j['generated'])}/${String(j['depth'])}`);

function main(): void {
  const { values } = parseArgs({ options: {
    sample: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string', multiple: true }, list: { type: 'boolean' },
    'search-seconds': { type: 'string' }, out: { type: 'string' },
  } });
  let mutants = allMutants();
  if (values.list === true) {
    for (const m of mutants) console.log(`${m.id} ${m.operator}: ${m.after.trim()}`);
    console.log(`${mutants.length} mutants`);
    return;
  }
  if (values.only !== undefined) mutants = mutants.filter((m) => values.only?.includes(m.id));
  if (values.sample !== undefined) mutants = sample(mutants, Number(values.sample), Number(values.seed ?? 1));
  const dir = mkdtempSync(join(tmpdir(), 'mutate-'));
  // Every source tree the CLI may import (tsconfig's include), not only src/ and model-check/.
  for (const x of ['src', 'model-check', 'report', 'explorer', 'package.json', 'tsconfig.json'].filter((f) => existsSync(join(root, f)))) cpSync(join(root, x), join(dir, x), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const extra = values['search-seconds'] !== undefined ? ['--search-seconds', values['search-seconds']] : [];
  const originals = new Map<string, string>();
  for (const t of targets) for (const b of t.larger) originals.set(`${t.protocol} ${b.join(' ')}`, counts(check(dir, [t.protocol, ...b]).json));
  // A copy that cannot run the unmutated check would count every mutant as a crash.
  const broken = [...originals].find(([, c]) => c === 'none');
  if (broken !== undefined) {
    rmSync(dir, { recursive: true, force: true });
    console.error(`the unmutated copy fails \`check ${broken[0]}\`: fix the copy before counting mutants`);
    process.exitCode = 1;
    return;
  }
  const results: { m: Mutant; outcome: Outcome; seconds: number; pass: unknown; traceLength: unknown }[] = [];
  try {
    for (const m of mutants) {
      const path = join(dir, m.file);
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      lines[m.line] = m.after;
      writeFileSync(path, lines.join('\n'));
      try {
        const r = check(dir, [protocolOf(m), ...extra]);
        const v = (r.json?.['violation'] ?? null) as Record<string, unknown> | null;
        let outcome: Outcome = r.invalid ? 'invalid' : r.code === 12 || r.code === 11 ? 'killed' : r.code === 0 ? 'survived' : 'crashed';
        if (outcome === 'survived') {
          const t = targets.find((x) => x.protocol === protocolOf(m));
          const same = (t?.larger ?? []).every((b) => counts(check(dir, [protocolOf(m), ...b]).json) === originals.get(`${protocolOf(m)} ${b.join(' ')}`));
          if (same) outcome = 'equivalent';
        }
        results.push({ m, outcome, seconds: r.seconds, pass: v?.['pass'] ?? null, traceLength: v?.['traceLength'] ?? null });
        console.log(`${m.id} ${m.operator} ${outcome}${v !== null ? ` (${String(v['name'])}, pass ${String(v['pass'])}, ${String(v['traceLength'])} states)` : ''} ${r.seconds.toFixed(1)} s: ${m.after.trim()}`);
      } finally {
        writeFileSync(path, text);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report(results.map((r) => r.outcome));
  if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(results.map((r) => ({ ...r, m: { id: r.m.id, operator: r.m.operator, after: r.m.after.trim() } })), null, 1));
}

function report(all: readonly Outcome[]): void {
  const outcomes = all.filter((o) => o !== 'invalid');
  const n = (o: Outcome) => outcomes.filter((x) => x === o).length;
  if (all.length > outcomes.length) console.log(`${all.length - outcomes.length} mutants did not parse (left out)`);
  const detected = n('killed') + n('crashed');
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
  console.log(`\n${outcomes.length} mutants: ${n('killed')} killed, ${n('crashed')} crashed the check, ${n('survived')} survived, ${n('equivalent')} equivalent`);
  console.log(`kill rate: ${pct(detected, outcomes.length)} of all, ${pct(detected, outcomes.length - n('equivalent'))} of the non-equivalent`);
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

main();
