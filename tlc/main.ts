// `npm run tlc`: SANY on every spec/MC*.tla, then TLC and our explorer on every spec/MC*.cfg and on
// the settings table, then the mutation-parity table. Any parse error, TLC error or difference fails.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rewrite } from './cfg.ts';
import { countProblems, mutationProblems } from './compare.ts';
import { sany, tlc, tlcArgs } from './java.ts';
import { liveProblems, liveRows, parseOursLiveness, parseTlcLiveness, type LiveRow } from './liveness.ts';
import { oursArgs } from './ours.ts';
import { run } from './run.ts';
import { applyEdit, mutations, type Mutation } from './mutations.ts';
import { runOurs } from './ours.ts';
import { settings, type Setting } from './settings.ts';
import { recheckTrace, type TraceJob, type TraceRow } from './traces.ts';
import { fig, table } from './table.ts';
import type { Outcome } from './tlc-output.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const HOW_TO_GET_TLC = `npm run tlc needs TLC (tla2tools.jar, TLC 2.20 or later) and Java 11 or later.
Download tla2tools.jar from https://github.com/tlaplus/tlaplus/releases and point TLA2TOOLS_JAR at it:
  TLA2TOOLS_JAR=/path/to/tla2tools.jar npm run tlc
`;

type Timed = Outcome & { seconds: number };
interface Row { readonly id: string; readonly ours: Timed; readonly tlc: Timed; readonly problems: string[] }

/** Every shipped model file: spec/MC<Name>.cfg for module spec/MC<Name>.tla, protocol <name>. */
function shipped(): Setting[] {
  return readdirSync(join(ROOT, 'spec')).filter((f) => /^MC\w+\.cfg$/.test(f) && !/Live\.cfg$/.test(f)).sort().map((cfg) => {
    // MCRaftMembership extends MCRaft: a model of raft.
    const name = cfg === 'MCRaftMembership.cfg' ? 'raft' : cfg.slice(2, -4).toLowerCase();
    if (name !== 'paxos' && name !== 'raft' && name !== 'basicpaxos' && name !== 'multipaxos') throw new Error(`spec/${cfg}: no protocol '${name}' in tlc/main.ts`);
    return { id: cfg, protocol: name, module: `MC${cfg.slice(2, -4)}.tla`, cfg, changes: {}, ci: true };
  });
}

/** The .cfg file for `s` in `specDir` (the shipped file itself when nothing changes). */
function cfgFor(s: Setting, specDir: string): string {
  if (Object.keys(s.changes).length === 0) return s.cfg;
  const name = `${s.id}.cfg`;
  writeFileSync(join(specDir, name), rewrite(readFileSync(join(specDir, s.cfg), 'utf8'), s.changes));
  return name;
}

async function both(jar: string, root: string, specDir: string, s: Setting): Promise<{ ours: Timed; tlc: Timed }> {
  const cfg = cfgFor(s, specDir);
  const [ours, theirs] = await Promise.all([runOurs(root, ROOT, s.protocol, join(specDir, cfg)), tlc(jar, specDir, cfg, s.module)]);
  return { ours, tlc: theirs };
}

/** A copy of the project's spec/, src/, model-check/ and package.json with the mutation applied. */
function mutatedCopy(work: string, m: Mutation): string {
  const dir = join(work, m.id);
  mkdirSync(dir);
  for (const x of ['spec', 'src', 'model-check', 'report', 'package.json']) cpSync(join(ROOT, x), join(dir, x), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const e of [...m.spec, ...m.src]) writeFileSync(join(dir, e.file), applyEdit(readFileSync(join(dir, e.file), 'utf8'), e));
  return dir;
}

const secs = (t: number): string => `${t.toFixed(1)} s`;
const counts = (o: Outcome): string => `${fig(o.distinct)} / ${fig(o.generated)} / ${fig(o.depth)}`;
const verdict = (o: Outcome): string =>
  o.error !== null ? 'error' : o.traceLength === null ? `${o.verdict} (${counts(o)})` : `${o.verdict} (${o.traceLength} states)`;

/** `f` on every item, at most `n` at a time; the results in the items' order. */
async function pool<T, R>(items: readonly T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const k = next++;
      out[k] = await f(items[k] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** Every generated .cfg into `dir`, to run TLC by hand from a copy of spec/ holding them. */
function writeCfgs(dir: string): number {
  mkdirSync(dir, { recursive: true });
  const all = [...settings, ...mutations.map((m) => m.setting)].filter((s) => Object.keys(s.changes).length > 0);
  for (const s of all) writeFileSync(join(dir, `${s.id}.cfg`), rewrite(readFileSync(join(ROOT, 'spec', s.cfg), 'utf8'), s.changes));
  console.log(`wrote ${all.length} .cfg files to ${dir}`);
  return 0;
}

/** The two summary tables. */
function printTables(rows: readonly Row[], mrows: readonly Row[], muts: readonly Mutation[]): void {
  console.log(`\nExact counts (distinct / generated / depth; TLC -workers 1):\n${table(
    ['setting', 'ours', 'TLC', 'ours time', 'TLC time', 'result'],
    rows.map((r) => [r.id, counts(r.ours), counts(r.tlc), secs(r.ours.seconds), secs(r.tlc.seconds), r.problems.length === 0 ? 'same' : 'DIFFERENT']),
  )}`);
  if (mrows.length === 0) return;
  console.log(`\nMutations (the same edit in spec/ and src/; verdict and shortest trace):\n${table(
    ['mutation', 'setting', 'ours', 'TLC', 'TLC time', 'result'],
    mrows.map((r, k) => [r.id, muts[k]?.setting.id ?? '', verdict(r.ours), verdict(r.tlc), secs(r.tlc.seconds), r.problems.length === 0 ? 'same' : 'DIFFERENT']),
  )}`);
}

/**
 * One witness trace per protocol whose variables map onto spec/'s, on its shipped model, and an
 * action property's counterexample (CheckQuorum without PreVote: a cut-off follower's Timeout raises
 * the term past its live leader's), each with the control.
 */
function witnessJobs(specDir: string): TraceJob[] {
  const checkQuorum = cfgFor({ id: 'MCRaft-CheckQuorum', protocol: 'raft', module: 'MCRaft.tla', cfg: 'MCRaft.cfg', changes: { constants: { CheckQuorum: 'TRUE' } }, ci: true }, specDir);
  return [
    { id: 'MCRaft-EntryCommitted', protocol: 'raft', root: ROOT, specDir, cfg: 'MCRaft.cfg', witness: 'EntryCommitted', control: true },
    { id: 'MCPaxos-ValueChosen', protocol: 'paxos', root: ROOT, specDir, cfg: 'MCPaxos.cfg', witness: 'ValueChosen', control: true },
    { id: 'MCBasicPaxos-ValueLearned', protocol: 'basicpaxos', root: ROOT, specDir, cfg: 'MCBasicPaxos.cfg', witness: 'ValueLearned', control: true },
    { id: 'MCMultiPaxos-CommandExecuted', protocol: 'multipaxos', root: ROOT, specDir, cfg: 'MCMultiPaxos.cfg', witness: 'CommandExecuted', control: true },
    { id: 'MCRaft-CheckQuorum-NoDisruptiveTermRaise', protocol: 'raft', root: ROOT, specDir, cfg: checkQuorum, witness: null, control: true },
  ];
}

/** The counterexample of a mutation, exported by the mutated checker and re-checked on the mutated spec. */
function mutationJob(work: string, m: Mutation): TraceJob {
  const root = join(work, m.id);
  return { id: m.id, protocol: m.setting.protocol, root, specDir: join(root, 'spec'), cfg: cfgFor(m.setting, join(root, 'spec')), witness: null, control: false };
}

const traceVerdict = (r: TraceRow): string =>
  r.problems.length > 0
    ? `FAILED: ${r.problems.join('; ')}`
    : `${r.states} states, TLC ${fig(r.tlc?.distinct ?? 0)} distinct, ${r.tlc?.verdict === 'none' ? 'no error' : `${r.tlc?.verdict ?? '?'} violated at the last step`}${r.control === null ? '' : `; control: ${r.control.verdict === 'none' ? 'accepted' : `${r.control.verdict} violated`}`}`;

function printTraces(trows: readonly TraceRow[]): void {
  if (trows.length === 0) return;
  console.log(`\nTraces re-checked by TLC (our trace as a TLA+ module; TLC must find every state and no error):\n${table(
    ['trace', 'states', 'TLC distinct', 'TLC time', 'control', 'result'],
    trows.map((r) => [r.id, String(r.states ?? '-'), String(r.tlc?.distinct ?? '-'), r.tlc === null ? '-' : secs(r.tlc.seconds), r.control === null ? '-' : r.control.verdict === 'none' ? `accepted, ${r.control.distinct ?? '?'} states` : r.control.verdict, r.problems.length === 0 ? 'accepted' : 'FAILED']),
  )}`);
}

/** One liveness model, TLC and ours side by side. */
async function liveRow(jar: string, specDir: string, r: LiveRow): Promise<{ id: string; cells: string[]; problems: string[] }> {
  const meta = mkdtempSync(join(tmpdir(), 'tlc-meta-'));
  try {
    const [o, t] = await Promise.all([
      run(join(ROOT, 'node_modules', '.bin', 'tsx'), oursArgs(r.protocol, join(specDir, r.cfg)), ROOT),
      run('java', tlcArgs(jar, r.cfg, r.module, meta), specDir),
    ]);
    const ours = parseOursLiveness(o.out, o.code);
    const theirs = parseTlcLiveness(t.out + t.err, t.code);
    const problems = liveProblems(ours, theirs);
    const show = (x: typeof ours): string => `${x.verdict} (${fig(x.distinct)}${x.lasso === null ? '' : `; lasso ${x.lasso}`})`;
    console.log(`liveness ${r.id}: ours ${show(ours)}, TLC ${show(theirs)} ${problems.length === 0 ? 'same' : `DIFFERENT: ${problems.join('; ')}`}`);
    return { id: r.id, cells: [r.id, show(ours), show(theirs), secs(o.seconds), secs(t.seconds), problems.length === 0 ? 'same' : 'DIFFERENT'], problems };
  } finally {
    rmSync(meta, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      all: { type: 'boolean' }, only: { type: 'string', multiple: true }, 'no-mutations': { type: 'boolean' }, 'no-traces': { type: 'boolean' },
      'write-cfgs': { type: 'string' }, jobs: { type: 'string' },
    },
    strict: true,
  });
  const cfgDir = values['write-cfgs'];
  if (cfgDir !== undefined) return writeCfgs(cfgDir);
  const jar = process.env['TLA2TOOLS_JAR'];
  if (jar === undefined || jar === '') {
    process.stderr.write(`TLA2TOOLS_JAR is not set.\n${HOW_TO_GET_TLC}`);
    return 2;
  }
  if (!existsSync(jar)) {
    process.stderr.write(`TLA2TOOLS_JAR=${jar}: no such file.\n${HOW_TO_GET_TLC}`);
    return 2;
  }
  const jarPath = resolve(jar);
  // Two comparisons at a time fill 2 cores: TLC keeps one busy, our (shorter) run the other only part of the time.
  const jobs = Number(values.jobs ?? '2');
  if (!Number.isInteger(jobs) || jobs < 1) {
    process.stderr.write(`--jobs must be a whole number >= 1, got '${values.jobs ?? ''}'\n`);
    return 2;
  }
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores (times below are wall clock)`);
  const only = values.only;
  const pick = (id: string, ci: boolean): boolean => (only !== undefined ? only.some((o) => id.includes(o)) : ci || values.all === true);
  const work = mkdtempSync(join(tmpdir(), 'npm-run-tlc-'));
  const failures: string[] = [];
  try {
    const specDir = join(work, 'spec');
    cpSync(join(ROOT, 'spec'), specDir, { recursive: true });
    for (const mod of readdirSync(specDir).filter((f) => /^MC\w+\.tla$/.test(f)).sort()) {
      const err = await sany(jarPath, specDir, mod);
      console.log(`SANY ${mod}: ${err ?? 'ok'}`);
      if (err !== null) failures.push(`SANY ${mod}: ${err}`);
    }
    const todo = [...shipped(), ...settings].filter((s) => pick(s.id, s.ci));
    const muts = values['no-mutations'] === true ? [] : mutations.filter((m) => pick(m.id, true));
    const total = todo.length + muts.length;
    let finished = 0;
    const rows = await pool(todo, jobs, async (s) => {
      const r = await both(jarPath, ROOT, specDir, s);
      const problems = countProblems(r.ours, r.tlc);
      console.log(`[${++finished}/${total}] ${s.id}: ours ${counts(r.ours)} (${secs(r.ours.seconds)}), TLC ${counts(r.tlc)} (${secs(r.tlc.seconds)}) ${problems.length === 0 ? 'same' : `DIFFERENT: ${problems.join('; ')}`}`);
      failures.push(...problems.map((p) => `${s.id}: ${p}`));
      return { id: s.id, ...r, problems };
    });
    const mrows = await pool(muts, jobs, async (m) => {
      const dir = mutatedCopy(work, m);
      const r = await both(jarPath, dir, join(dir, 'spec'), m.setting);
      const problems = mutationProblems(r.ours, r.tlc);
      console.log(`[${++finished}/${total}] mutation ${m.id} on ${m.setting.id}: ours ${verdict(r.ours)}, TLC ${verdict(r.tlc)} ${problems.length === 0 ? 'same' : `DIFFERENT: ${problems.join('; ')}`}`);
      failures.push(...problems.map((p) => `mutation ${m.id}: ${p}`));
      return { id: m.id, ...r, problems };
    });
    const traceJobs = values['no-traces'] === true ? [] : [...witnessJobs(specDir).filter((j) => pick(j.id, true)), ...muts.filter((_, k) => mrows[k]?.ours.error === null && mrows[k]?.ours.verdict !== 'none').map((m) => mutationJob(work, m))];
    const trows = await pool(traceJobs, jobs, async (j) => {
      const r = await recheckTrace(jarPath, ROOT, j);
      console.log(`trace ${j.id}: ${traceVerdict(r)}`);
      failures.push(...r.problems.map((p) => `trace ${j.id}: ${p}`));
      return r;
    });
    printTables(rows, mrows, muts);
    printTraces(trows);
    const live = liveRows(specDir).filter((r) => pick(r.id, true));
    const lrows = await pool(live, jobs, async (r) => liveRow(jarPath, specDir, r));
    if (lrows.length > 0) console.log(`\nLiveness (verdict, distinct views, lasso states):\n${table(['model', 'ours', 'TLC', 'ours time', 'TLC time', 'result'], lrows.map((x) => x.cells))}`);
    for (const x of lrows) failures.push(...x.problems.map((p) => `${x.id}: ${p}`));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.log(`\nFAILED (${failures.length}):\n${failures.map((f) => `  ${f}`).join('\n')}`);
    return 1;
  }
  console.log('\nTLC and our explorer agree on every setting and every mutation, and TLC accepts every exported trace.');
  return 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  process.stderr.write(`npm run tlc: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
