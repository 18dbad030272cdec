// `check <protocol>`: build the model from flags, explore it, report like TLC, exit with TLC's codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setAutoFreeze } from 'immer';
import type { Built, Checkable } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';
import { explore, exploreDepthFirst, exploreParallel, formatTrace, simulate, type ExploreOptions, type ExploreResult, type SimulateResult } from '../../../model-check/index.ts';
import { build } from '../build-model.ts';
import { progressPrinter } from '../progress.ts';
import { intFlag, numberFlag, parseFlags } from '../args.ts';
import { EXIT } from '../exit.ts';
import { count, mib, secs } from '../format.ts';
import { protocols } from '../registry.ts';
import type { Command } from './index.ts';

const common = {
  variant: { type: 'string' },
  'no-deadlock': { type: 'boolean' },
  'max-states': { type: 'string' },
  'max-seconds': { type: 'string' },
  json: { type: 'boolean' },
  workers: { type: 'string' },
  symmetry: { type: 'boolean' },
  'no-speed': { type: 'boolean' },
  memory: { type: 'string' },
  spill: { type: 'string' },
  simulate: { type: 'string' },
  dfs: { type: 'string' },
  depth: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const check: Command = {
  summary: 'check <protocol> [constants] [--variant NAME]: explore every state within the bounds',
  async run(argv) {
    const name = argv[0];
    const names = Object.keys(protocols).join(', ');
    if (name === undefined || name.startsWith('-')) throw new UsageError(`check: which protocol? (expected: ${names})`);
    const load = protocols[name];
    if (load === undefined) throw new UsageError(`unknown protocol '${name}' (expected: ${names})`);
    const target = await load();
    const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { ...common };
    for (const c of target.constants) options[c.flag] = { type: 'string' };
    const { values, positionals } = parseFlags(argv.slice(1), options, `check ${name}`);
    if (values['help'] === true) {
      process.stdout.write(help(target));
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`check ${name}: unexpected argument '${positionals[0]}'`);
    const variant = values['variant'];
    if (typeof variant === 'string' && target.variants[variant] === undefined) {
      throw new UsageError(`unknown variant '${variant}' for ${name} (expected: ${Object.keys(target.variants).join(', ')})`);
    }
    const constants: Record<string, string> = {};
    for (const c of target.constants) {
      const v = values[c.flag];
      constants[c.flag] = typeof v === 'string' ? v : c.default;
    }
    const maxStates = intFlag(values['max-states'] as string | undefined, 'max-states', 1);
    const maxSeconds = numberFlag(values['max-seconds'] as string | undefined, 'max-seconds');
    const speed = values['no-speed'] !== true;
    const args = { protocol: name, constants, variant: typeof variant === 'string' ? variant : null, ...(speed ? {} : { speed }) };
    const { built, model } = await build(args);
    const workers = intFlag(values['workers'] as string | undefined, 'workers', 1, 256) ?? availableParallelism();
    const json = values['json'] === true;

    const walks = intFlag(values['simulate'] as string | undefined, 'simulate', 1);
    const depth = intFlag(values['depth'] as string | undefined, 'depth', 1);
    const seed = intFlag(values['seed'] as string | undefined, 'seed', 0, 0xffffffff);
    if (walks === undefined && (depth !== undefined || seed !== undefined)) throw new UsageError('--depth and --seed go with --simulate N');
    const deadlock = values['no-deadlock'] === true ? false : (model.checkDeadlock ?? true);
    const dfs = intFlag(values['dfs'] as string | undefined, 'dfs', 1);
    if (dfs !== undefined && walks !== undefined) throw new UsageError('--dfs and --simulate are different modes: pick one');
    const symmetry = values['symmetry'] === true;
    const memory = numberFlag(values['memory'] as string | undefined, 'memory');
    const spill = intFlag(values['spill'] as string | undefined, 'spill', 1);
    if (symmetry && model.symmetry === undefined) throw new UsageError(`--symmetry: ${name} declares no interchangeable values`);

    setAutoFreeze(false); // the protocols never mutate; freezing every successor costs the explorer
    const log = (line: string) => process.stdout.write(json ? '' : `${line}\n`);
    log(`Checking ${name}${typeof variant === 'string' ? ` (variant ${variant})` : ''}: ${built.settings}`);
    log(`Invariants: ${Object.keys(model.invariants).join(', ') || '(none)'}`);
    if (symmetry) log(`Symmetry: one state per class under ${model.symmetry?.permutations.length ?? 1} renamings (TLC's SYMMETRY)`);
    if (Object.keys(model.actionProperties).length > 0) log(`Action properties: ${Object.keys(model.actionProperties).join(', ')}`);
    if (walks !== undefined) {
      const s = seed ?? Math.floor(Math.random() * 0xffffffff);
      log(`Simulation: ${walks} random walks of at most ${depth ?? 100} steps, seed ${s}`);
      const r = simulate(model, {
        walks, depth: depth ?? 100, seed: s, deadlock, speed,
        ...(maxSeconds !== undefined ? { maxSeconds } : {}),
        onProgress: (p) => process.stderr.write(`progress: ${count(p.walks)} walks, ${count(p.steps)} steps, ${count(p.distinct)} distinct states\n`),
      });
      if (json) process.stdout.write(JSON.stringify({ protocol: name, variant: variant ?? null, settings: built.settings, ...r }) + '\n');
      else reportSimulation(r, log);
      return exitCode(r);
    }
    const progress = progressPrinter();
    // Spilled levels live under one directory per run, removed at the end and on Ctrl-C or a kill.
    const spillDirectory = mkdtempSync(join(tmpdir(), 'consensus-checked-'));
    const removeSpill = (): void => rmSync(spillDirectory, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    const interrupted = (signal: NodeJS.Signals): void => {
      removeSpill();
      process.stderr.write(`\nInterrupted by ${signal}; nothing is claimed about the states not explored.\n`);
      process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    const exploreOpts: ExploreOptions = {
      deadlock,
      symmetry,
      speed,
      spillDirectory,
      ...(memory !== undefined ? { memoryBytes: memory * 2 ** 30 } : {}),
      ...(spill !== undefined ? { spillStates: spill } : {}),
      ...(maxStates !== undefined ? { maxStates } : {}),
      ...(maxSeconds !== undefined ? { maxSeconds } : {}),
      onProgress: (p) => progress.show(p),
    };
    const factory = { module: new URL('../build-model.ts', import.meta.url).href, export: 'buildModel', args };
    if (dfs !== undefined) log(`Depth-first, at most ${dfs} states deep (traces are real, not necessarily shortest)`);
    let result: ExploreResult;
    try {
      result =
        dfs !== undefined ? await exploreDepthFirst(model, { ...exploreOpts, maxDepth: dfs })
        : workers > 1 ? await exploreParallel(factory, workers, exploreOpts, model)
        : await explore(model, exploreOpts);
    } finally {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      removeSpill();
    }
    progress.done();
    if (json) process.stdout.write(JSON.stringify(summary(name, variant, built, result)) + '\n');
    else report(result, log);
    return exitCode(result);
  },
};

function report(r: ExploreResult, log: (line: string) => void): void {
  if (r.violation !== null) {
    const v = r.violation;
    const what = v.kind === 'deadlock' ? 'Deadlock reached' : `${v.kind === 'invariant' ? 'Invariant' : 'Action property'} ${v.name} is violated`;
    log(`Error: ${what}.`);
    log(`The shortest behavior that shows it (${v.trace.length} states):`);
    log(formatTrace(v.trace));
  }
  log(
    `${count(r.distinct)} distinct states, ${count(r.generated)} generated, depth ${r.depth}, ${secs(r.seconds)}, ` +
      `${count(r.statesPerSecond)} distinct states/s, ${r.workers} worker${r.workers === 1 ? '' : 's'}, ` +
      `peak memory ${mib(r.peakRssBytes)} (visited set ${mib(r.fingerprintBytes)}, ${(r.fingerprintBytes / Math.max(1, r.distinct)).toFixed(1)} bytes/state)`,
  );
  const missed = Object.entries(r.witnesses).filter(([, hit]) => !hit).map(([w]) => w);
  const hit = Object.entries(r.witnesses).filter(([, h]) => h).map(([w]) => w);
  if (hit.length > 0) log(`Witnesses reached: ${hit.join(', ')}`);
  if (missed.length > 0) log(`Warning: witnesses never reached (the bounds may leave nothing to check): ${missed.join(', ')}`);
  if (r.verdict === 'incomplete') log(`Incomplete: ${r.incomplete ?? ''}; nothing is claimed about the states not explored.`);
  if (r.verdict === 'ok') log('All invariants hold.');
}

function reportSimulation(r: SimulateResult, log: (line: string) => void): void {
  if (r.violation !== null) {
    const v = r.violation;
    log(`Error: ${v.kind === 'deadlock' ? 'Deadlock reached' : `${v.kind === 'invariant' ? 'Invariant' : 'Action property'} ${v.name} is violated`}.`);
    log(`A random behavior that shows it (${v.trace.length} states; not necessarily the shortest; seed ${r.seed}):`);
    log(formatTrace(v.trace));
  }
  log(`${count(r.walks)} walks, ${count(r.steps)} steps, ${count(r.distinct)} distinct states visited, ${secs(r.seconds)}, seed ${r.seed}`);
  if (r.verdict === 'incomplete') log(`Incomplete: ${r.incomplete ?? ''}.`);
  if (r.verdict === 'ok') log('No violation found on these walks (a simulation proves nothing about other behaviors).');
}

function summary(name: string, variant: unknown, b: Built, r: ExploreResult) {
  return {
    protocol: name, variant: typeof variant === 'string' ? variant : null, settings: b.settings,
    symmetry: r.symmetry, verdict: r.verdict, workers: r.workers, fingerprintBytes: r.fingerprintBytes, distinct: r.distinct, generated: r.generated, depth: r.depth, seconds: r.seconds,
    statesPerSecond: r.statesPerSecond, peakRssBytes: r.peakRssBytes, expandedBy: r.expandedBy, spilledStates: r.spilledStates, stolenStates: r.stolenStates,
    witnesses: r.witnesses, incomplete: r.incomplete,
    violation: r.violation === null ? null : { kind: r.violation.kind, name: r.violation.name, trace: r.violation.trace },
  };
}

function exitCode(r: ExploreResult | SimulateResult): number {
  if (r.violation !== null) return r.violation.kind === 'deadlock' ? EXIT.deadlock : EXIT.violation;
  return r.verdict === 'incomplete' ? EXIT.incomplete : EXIT.ok;
}

function help(t: Checkable): string {
  const lines = [`check ${t.name}: ${t.summary}`, '', 'Constants:'];
  const flagWidth = Math.max(...t.constants.map((c) => c.flag.length + 6));
  for (const c of t.constants) lines.push(`  ${`--${c.flag} <v>`.padEnd(flagWidth)}  ${c.description} (${c.constant}; default ${c.default})`);
  lines.push('', 'Variants (--variant NAME), each a known bug the checker must catch:');
  const nameWidth = Math.max(...Object.keys(t.variants).map((n) => n.length));
  for (const [n, v] of Object.entries(t.variants)) lines.push(`  ${n.padEnd(nameWidth)}  ${v.bug}`);
  lines.push(
    '', 'Exploration:',
    '  --no-deadlock        do not report states without successors',
    '  --max-states N       stop after N distinct states (exit 3, incomplete)',
    '  --max-seconds S      stop after S seconds (exit 3, incomplete)',
    '  --memory G           stop when resident memory passes G GiB (exit 3, incomplete)',
    '  --spill N            keep at most N states of a BFS level in memory, the rest on disk (default 1000000)',
    '  --symmetry           one state per class of states equal up to renaming interchangeable values',
    '  --no-speed           turn the speed layer off (memoized steps, cached verdicts, structural hashes)',
    '  --workers N          worker threads (default: all cores; 1 = this thread only, deterministic traces)',
    '  --json               print one JSON summary instead of text',
    '  --dfs D              depth-first search of every state at most D states deep (one thread)',
    '  --simulate N         N random walks instead of exhaustive search (with --depth D, --seed S)',
    '', 'Exit codes: 0 all hold, 2 bad input, 3 incomplete, 11 deadlock, 12 property violated.', '',
  );
  return lines.join('\n');
}
