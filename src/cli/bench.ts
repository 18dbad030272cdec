// `npm run bench`: a fixed table of bounded models, each checked in a fresh process with 1 and 2
// workers; prints distinct states, states/s, peak memory, bytes per visited state, TLC's rate on
// the same model (measured on this kind of machine, see shared/reference-counts.md and issue #5),
// the speed-up of 2 workers over 1, and the ratio to the committed baseline (bench/baseline.json).
// `--repeat N` runs each row N times, alternating the worker counts, and reports the median run:
// this host's speed drifts by a third from minute to minute.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count, mib } from './format.ts';

interface Row {
  readonly name: string;
  readonly args: readonly string[];
  /** TLC 2.20, one worker, same model and invariants: seconds for the whole run, if measured. */
  readonly tlcSeconds: number | null;
  /** A state budget (`--max-states`) for a model too large to exhaust: the row reports the search up to it. */
  readonly maxStates?: number;
}

const rows: readonly Row[] = [
  { name: 'paxos-b1', args: ['paxos', '--ballots', '1'], tlcSeconds: null },
  { name: 'paxos-b2', args: ['paxos', '--ballots', '2'], tlcSeconds: 45 },
  // The minute-long row (one thread); TLC's time on it was not measured.
  { name: 'paxos-v1b3', args: ['paxos', '--values', '1', '--ballots', '3'], tlcSeconds: null },
  { name: 'raft-A', args: ['raft', '--servers', '2', '--max-term', '3', '--max-log', '2'], tlcSeconds: 16 },
  // No log: only LeaderElected can be reached, the other witnesses would fail the run.
  { name: 'raft-C', args: ['raft', '--servers', '3', '--max-term', '2', '--max-log', '0', '--witness', 'LeaderElected'], tlcSeconds: 111 },
  // Half a minute in one thread; TLC's time on it was not measured.
  { name: 'raft-D', args: ['raft', '--servers', '3', '--max-term', '2', '--max-log', '1'], tlcSeconds: null },
  // The toy protocol written with no speed code, with the speed layer on and off (same counts).
  { name: 'twophase-6', args: ['twophase', '--rms', '6'], tlcSeconds: null },
  { name: 'twophase-6-no-speed', args: ['twophase', '--rms', '6', '--no-speed'], tlcSeconds: null },
  // Node-level Basic Paxos, rounds 0..2 (2 proposers, 3 acceptors, one value, no faults): tens of millions of states,
  // so a budget; one value leaves AdoptedVote unreachable.
  {
    name: 'basicpaxos-r2',
    args: ['basicpaxos', '--max-round', '2', '--values', '1', '--drop', 'off', '--no-action-property', 'RefinesPaxos', '--allow-unreached', 'AdoptedVote'],
    tlcSeconds: null,
    maxStates: 1_000_000,
  },
];

const root = fileURLToPath(new URL('../../', import.meta.url));
const baselinePath = `${root}bench/baseline.json`;
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const update = argv.includes('--update-baseline');
const workerCounts = argv.includes('--workers') ? [Number(argv[argv.indexOf('--workers') + 1])] : [1, 2];
const repeat = argv.includes('--repeat') ? Number(argv[argv.indexOf('--repeat') + 1]) : 1;
if (!Number.isInteger(repeat) || repeat < 1) {
  process.stderr.write('bench: --repeat takes a whole number of runs, at least 1\n');
  process.exit(2);
}

interface Run {
  readonly distinct: number; readonly generated: number; readonly depth: number; readonly seconds: number;
  readonly statesPerSecond: number; readonly peakRssBytes: number; readonly fingerprintBytes: number; readonly verdict: string;
}

function check(row: Row, w: number): Run {
  const budget = row.maxStates === undefined ? [] : ['--max-states', String(row.maxStates)];
  let out: string;
  try {
    out = execFileSync(process.execPath, [`${root}src/cli/bin.mjs`, 'check', ...row.args, ...budget, '--workers', String(w), '--json'], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26,
    });
  } catch (e) {
    // Exit 3: the budget stopped the search, as the row asks.
    const x = e as { status?: number; stdout?: string };
    if (row.maxStates === undefined || x.status !== 3 || x.stdout === undefined) throw e;
    out = x.stdout;
  }
  const r = JSON.parse(out) as Run;
  const expected = row.maxStates === undefined ? 'ok' : 'incomplete';
  if (r.verdict !== expected) throw new Error(`${row.name}: verdict ${r.verdict} (expected ${expected})`);
  return r;
}

type Baseline = Record<string, { statesPerSecond: number }>;
let baseline: Baseline = {};
try {
  baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline;
} catch {
  // no baseline yet
}

const header = ['model', 'workers', 'distinct', 'generated', 'depth', 'seconds', 'runs (s)', 'states/s', 'peak RSS', 'B/state', 'TLC states/s', 'x TLC', 'x 1 worker', 'x baseline'];
const table: string[][] = [];
const fresh: Baseline = { ...baseline };
/** Median seconds per row and worker count, for the speed layer's line. */
const medians = new Map<string, Run>();
for (const row of rows) {
  if (only !== undefined && row.name !== only) continue;
  const runs = new Map<number, Run[]>(workerCounts.map((w) => [w, []]));
  for (let k = 0; k < repeat; k++) {
    for (const w of workerCounts) {
      (runs.get(w) as Run[]).push(check(row, w));
      process.stderr.write(`done: ${row.name}/w${w} (${k + 1} of ${repeat})\n`);
    }
  }
  const median = (w: number): Run => {
    const sorted = [...(runs.get(w) as Run[])].sort((a, b) => a.seconds - b.seconds);
    return sorted[Math.floor((sorted.length - 1) / 2)] as Run;
  };
  for (const w of workerCounts) {
    const r = median(w);
    const all = (runs.get(w) as Run[]).map((x) => x.seconds);
    const key = `${row.name}/w${w}`;
    medians.set(key, r);
    const tlc = row.tlcSeconds === null ? null : r.distinct / row.tlcSeconds;
    const base = baseline[key]?.statesPerSecond;
    const one = w !== 1 && runs.has(1) ? median(1).seconds / r.seconds : null;
    fresh[key] = { statesPerSecond: Math.round(r.statesPerSecond) };
    table.push([
      row.name, String(w), count(r.distinct), count(r.generated), String(r.depth), r.seconds.toFixed(1),
      all.length > 1 ? `${Math.min(...all).toFixed(1)}-${Math.max(...all).toFixed(1)}` : '-',
      count(r.statesPerSecond), mib(r.peakRssBytes), (r.fingerprintBytes / r.distinct).toFixed(1),
      tlc === null ? '-' : count(tlc), tlc === null ? '-' : (r.statesPerSecond / tlc).toFixed(2),
      one === null ? '-' : one.toFixed(2),
      base === undefined ? '-' : (r.statesPerSecond / base).toFixed(2),
    ]);
  }
}
const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => (r[k] as string).length)));
const line = (cells: readonly string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number))).join('  ');
process.stdout.write(`${line(header)}\n${table.map(line).join('\n')}\n`);
const on = medians.get('twophase-6/w1');
const off = medians.get('twophase-6-no-speed/w1');
if (on !== undefined && off !== undefined) {
  const same = on.distinct === off.distinct && on.generated === off.generated && on.depth === off.depth;
  process.stdout.write(`speed layer on twophase-6 (1 worker): ${(off.seconds / on.seconds).toFixed(2)}x faster than off, ${same ? 'same counts' : 'COUNTS DIFFER'}\n`);
}
if (update) {
  writeFileSync(baselinePath, JSON.stringify(fresh, null, 2) + '\n');
  process.stdout.write(`baseline written to ${baselinePath}\n`);
}
