// `npm run bench:variants`: every shipped variant of raft, paxos, basicpaxos and multipaxos checked by
// its documented command (`check P --variant X`, plus the opt-in feature or the bounds it lives under), found or not,
// wall and CPU time, trace length; beside some, TLC on the same spec with the same one-line change
// (at the bounds of the pass that found it), stopped after 10 minutes. A benchmark, never a test.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { protocols } from '../src/cli/registry.ts';
import { rewrite } from './cfg.ts';
import { tlcArgs } from './java.ts';
import { applyEdit } from './mutations.ts';
import { parseTlc } from './tlc-output.ts';
import { tlcCases, type TlcCase } from './variant-edits.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TLC_LIMIT = 600;

// The opt-in feature a variant lives under (docs/raft.md's variant tables), carried into the default search.
const feature: Readonly<Record<string, readonly string[]>> = {
  'snapshot-past-commit': ['--snapshots', 'on'],
  'discard-log-on-install-snapshot': ['--snapshots', 'on'],
  'install-snapshot-from-stale-term': ['--snapshots', 'on'],
  'no-session-table': ['--sessions', 'on'],
  'timeout-without-prevote': ['--prevote', 'on'],
};

// Variants that live under constants the default search does not carry (membership, ReadIndex, session
// expiry): their documented command names its bounds (docs/raft.md's variant tables), no faults.
const noFaults = ['--max-restarts', '0', '--drop', 'off', '--duplicate', 'off'];
const swap4 = ['--membership', 'joint', '--servers', '4', '--voters', 's1,s2,s3', '--learners', 's4', '--max-log', '1', ...noFaults];
const bounded: Readonly<Record<string, readonly string[]>> = {
  'no-joint-phase': [...swap4, '--targets', 's3,s4', '--max-term', '3', '--passive', 's2,s4'],
  'learner-votes': [...swap4, '--targets', 's1,s2,s3,s4', '--max-term', '2', '--passive', 's3,s4'],
  'learner-acks': [...swap4, '--targets', 's1,s2,s3,s4', '--max-term', '3', '--passive', 's2,s3'],
  'single-server-no-noop': [
    '--membership', 'single', '--servers', '5', '--voters', 's1,s2,s3,s4', '--learners', 's5', '--targets', 's1,s2,s3,s4,s5;s2,s3,s4',
    '--max-term', '4', '--max-log', '1', '--passive', 's3,s4,s5', '--history', 'off', ...noFaults, '--guided', '--seed', '14',
  ],
  'read-without-confirmation': ['--readindex', 'on', '--servers', '3', '--passive', 's3', '--max-term', '3', '--max-log', '2', ...noFaults, '--search', 'best-first', '--heuristic', 'logs'],
  'expire-by-local-time': ['--sessions', 'on', '--session-timeout', '0', '--max-clock', '1', '--max-term', '2', '--max-log', '1'],
};

// With --search MODE: the bounds of the default search's pass that finds a variant (check-defaults.ts),
// to compare the search orders at the same bounds.
const passC = ['--servers', '3', '--max-term', '4', '--max-log', '1', ...noFaults, '--passive', 's2'];
const passD = ['--servers', '3', '--max-term', '4', '--max-log', '2', '--max-msgs', '2', ...noFaults];
const passBounds: Readonly<Record<string, readonly string[]>> = {
  'commit-previous-term': passC,
  'append-without-log-check': passD,
  'discard-log-on-install-snapshot': [...passD, '--snapshots', 'on'],
};

/** The flags that pick a search mode at a variant's bounds (`--search bfs|iddfs|best-first|guided`). */
function searchArgs(variant: string, mode: string, heuristic: string | undefined, limit: number): string[] {
  const bounds = passBounds[variant] ?? (bounded[variant] ?? feature[variant] ?? []).filter((a, k, all) => !['--guided', '--seed', '--search', '--heuristic'].includes(a) && !['--seed', '--search', '--heuristic'].includes(all[k - 1] ?? ''));
  const how = mode === 'guided' ? ['--guided', '--search-seconds', String(limit)] : ['--search', mode, ...(heuristic !== undefined ? ['--heuristic', heuristic] : []), '--max-seconds', String(limit)];
  return [...bounds, ...how];
}

interface Timing { readonly code: number | null; readonly out: string; readonly wall: number; readonly cpu: number | null }

/** Runs a command under /usr/bin/time (when present) for its CPU seconds, killed after `limit` seconds. */
function timed(cmd: string, args: readonly string[], cwd: string, limit: number): Promise<Timing> {
  const clock = existsSync('/usr/bin/time');
  const dir = mkdtempSync(join(tmpdir(), 'bench-variants-'));
  const times = join(dir, 'time');
  const t0 = performance.now();
  return new Promise((done) => {
    // Its own process group, so the limit stops the command and not only /usr/bin/time.
    const child = spawn(clock ? '/usr/bin/time' : cmd, clock ? ['-f', '%U %S', '-o', times, cmd, ...args] : args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => out.push(b));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, limit * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = clock && existsSync(times) ? readFileSync(times, 'utf8').trim().split('\n').pop() ?? '' : '';
      const parts = line.split(' ').map(Number);
      const cpu = parts.length === 2 && parts.every(Number.isFinite) ? (parts[0] as number) + (parts[1] as number) : null;
      rmSync(dir, { recursive: true, force: true });
      done({ code: killed ? null : code, out: Buffer.concat(out).toString(), wall: (performance.now() - t0) / 1000, cpu });
    });
  });
}

interface Row { readonly id: string; readonly command: string; readonly found: string; readonly pass: string; readonly trace: string; readonly wall: number; readonly cpu: number | null; tlc: string }

async function ours(protocol: string, variant: string, given: readonly string[] | null, limit: number): Promise<Row> {
  const args = ['check', protocol, '--variant', variant, ...(given ?? feature[variant] ?? bounded[variant] ?? []), '--json'];
  const r = await timed(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], ROOT, limit + 30);
  const last = r.out.trim().split('\n').pop() ?? '';
  let j: { verdict?: string; search?: string; distinct?: number; violation?: { name: string; pass?: string; traceLength: number } | null } = {};
  try {
    j = JSON.parse(last) as typeof j;
  } catch {
    j = {};
  }
  const v = j.violation ?? null;
  return {
    id: `${protocol}/${variant}`, command: `check ${args.slice(1, -1).join(' ')}`,
    found: v !== null ? `yes: ${v.name}` : `no (exit ${r.code ?? 'killed'}${j.verdict !== undefined ? `, ${j.verdict}` : ''})`,
    pass: (v?.pass ?? (v !== null && j.search !== undefined && j.search !== 'default' ? `(${j.search}, given bounds)` : '')) + (given !== null && j.distinct !== undefined ? ` ${j.distinct} distinct` : ''), trace: v !== null ? String(v.traceLength) : '', wall: r.wall, cpu: r.cpu, tlc: 'not measured',
  };
}

/** TLC's last progress report (distinct states, depth), for a run stopped at the limit. */
function progress(out: string): string {
  const p = [...out.matchAll(/^Progress\((\d+)\) at .*?: [\d,]+ states generated.*?, ([\d,]+) distinct states found/gm)].pop();
  return p === undefined ? '' : `: ${p[2] as string} distinct states at depth ${p[1] as string}`;
}

/** TLC on a copy of spec/ with the variant's edit, one worker, stopped after TLC_LIMIT seconds. */
async function tlcOn(jar: string, c: TlcCase): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-variants-tlc-'));
  try {
    cpSync(join(ROOT, 'spec'), join(dir, 'spec'), { recursive: true });
    for (const e of c.edits) {
      const file = join(dir, e.file);
      writeFileSync(file, applyEdit(readFileSync(file, 'utf8'), e));
    }
    const cfg = 'BenchVariant.cfg';
    writeFileSync(join(dir, 'spec', cfg), rewrite(readFileSync(join(dir, 'spec', c.cfg), 'utf8'), c.changes));
    // timeout(1) inside /usr/bin/time stops TLC at the limit, so its CPU seconds are still written.
    const r = await timed('timeout', [String(TLC_LIMIT), 'java', ...tlcArgs(jar, cfg, c.module, join(dir, 'meta'))], join(dir, 'spec'), TLC_LIMIT + 60);
    const cpu = r.cpu === null ? '' : ` (${r.cpu.toFixed(1)} CPU)`;
    if (r.code === null || r.code === 124) return `not finished in ${TLC_LIMIT} s${cpu}${progress(r.out)}`;
    const o = parseTlc(r.out, r.code);
    // A refinement's violated step is named by its place in the refined module, not by a name.
    const step = /^Error: Action property (line \d+, col \d+ to line \d+, col \d+ of module \w+) is violated/m.exec(r.out);
    const verdict = o.error !== null && step !== null && r.code === 13 ? `action property at ${step[1]}` : o.verdict;
    if (o.error !== null && verdict === o.verdict) return `error: ${o.error}`;
    return `${verdict === 'none' ? 'no violation' : verdict}, ${o.traceLength ?? '-'} states, ${o.distinct ?? '?'} distinct, ${r.wall.toFixed(1)} s${cpu}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    only: { type: 'string', multiple: true }, skip: { type: 'string', multiple: true }, tlc: { type: 'boolean' }, jar: { type: 'string' },
    search: { type: 'string' }, heuristic: { type: 'string' }, limit: { type: 'string' },
  } });
  const limit = Number(values.limit ?? 300);
  const jar = values.jar ?? process.env['TLA2TOOLS_JAR'] ?? join(ROOT, '..', 'shared', 'tools', 'tla2tools.jar');
  const fmt = (n: number | null): string => (n === null ? '?' : n.toFixed(1));
  // Each row as soon as it is measured: a long run that is stopped keeps what it measured.
  process.stdout.write('| variant | command | found | pass | trace (states) | wall s (CPU s) | TLC, same change |\n|---|---|---|---|---|---|---|\n');
  for (const p of ['raft', 'paxos', 'basicpaxos', 'multipaxos']) {
    const target = await (protocols[p] as () => Promise<{ variants: Readonly<Record<string, unknown>> }>)();
    for (const v of Object.keys(target.variants)) {
      if (values.only !== undefined && !values.only.some((o) => `${p}/${v}`.includes(o))) continue;
      if (values.skip?.includes(`${p}/${v}`) === true) continue;
      const row = await ours(p, v, values.search === undefined ? null : searchArgs(v, values.search, values.heuristic, limit), limit);
      const c = tlcCases[row.id];
      if (values.tlc === true && c !== undefined) row.tlc = existsSync(jar) ? await tlcOn(jar, c) : `no jar at ${jar}`;
      process.stdout.write(`| ${row.id} | \`${row.command}\` | ${row.found} | ${row.pass} | ${row.trace} | ${fmt(row.wall)} (${fmt(row.cpu)}) | ${row.tlc} |\n`);
    }
  }
}

await main();
