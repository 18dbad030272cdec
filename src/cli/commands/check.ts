// `check <protocol>`: build the model from flags, explore it, report like TLC, exit with TLC's codes.
import { setAutoFreeze } from 'immer';
import type { Built, Checkable, Model, Tagged } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';
import { compose, explore, formatTrace, simulate, type ExploreResult, type SimulateResult } from '../../../model-check/index.ts';
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
  simulate: { type: 'string' },
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
    const built = target.build(constants, typeof variant === 'string' ? variant : null);
    const model = toModel(built);
    const json = values['json'] === true;

    const walks = intFlag(values['simulate'] as string | undefined, 'simulate', 1);
    const depth = intFlag(values['depth'] as string | undefined, 'depth', 1);
    const seed = intFlag(values['seed'] as string | undefined, 'seed', 0, 0xffffffff);
    if (walks === undefined && (depth !== undefined || seed !== undefined)) throw new UsageError('--depth and --seed go with --simulate N');
    const deadlock = values['no-deadlock'] === true ? false : (model.checkDeadlock ?? true);

    setAutoFreeze(false); // the protocols never mutate; freezing every successor costs the explorer
    const log = (line: string) => process.stdout.write(json ? '' : `${line}\n`);
    log(`Checking ${name}${typeof variant === 'string' ? ` (variant ${variant})` : ''}: ${built.settings}`);
    log(`Invariants: ${Object.keys(model.invariants).join(', ') || '(none)'}`);
    if (Object.keys(model.actionProperties).length > 0) log(`Action properties: ${Object.keys(model.actionProperties).join(', ')}`);
    if (walks !== undefined) {
      const s = seed ?? Math.floor(Math.random() * 0xffffffff);
      log(`Simulation: ${walks} random walks of at most ${depth ?? 100} steps, seed ${s}`);
      const r = simulate(model, {
        walks, depth: depth ?? 100, seed: s, deadlock,
        ...(maxSeconds !== undefined ? { maxSeconds } : {}),
        onProgress: (p) => process.stderr.write(`progress: ${count(p.walks)} walks, ${count(p.steps)} steps, ${count(p.distinct)} distinct states\n`),
      });
      if (json) process.stdout.write(JSON.stringify({ protocol: name, variant: variant ?? null, settings: built.settings, ...r }) + '\n');
      else reportSimulation(r, log);
      return exitCode(r);
    }
    const result = await explore(model, {
      deadlock,
      ...(maxStates !== undefined ? { maxStates } : {}),
      ...(maxSeconds !== undefined ? { maxSeconds } : {}),
      onProgress: (p) =>
        process.stderr.write(
          `progress: ${count(p.distinct)} distinct, ${count(p.generated)} generated, queue ${count(p.queue)}, depth ${p.depth}, ` +
            `${count(p.statesPerSecond)} states/s, ${mib(p.rssBytes)}\n`,
        ),
    });
    if (json) process.stdout.write(JSON.stringify(summary(name, variant, built, result)) + '\n');
    else report(result, log);
    return exitCode(result);
  },
};

function toModel(b: Built): Model<unknown, Tagged> {
  return b.kind === 'model' ? b.model : (compose(b.protocol, b.config, b.network) as Model<unknown, Tagged>);
}

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
      `${count(r.statesPerSecond)} distinct states/s, peak memory ${mib(r.peakRssBytes)}`,
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
    verdict: r.verdict, distinct: r.distinct, generated: r.generated, depth: r.depth, seconds: r.seconds,
    statesPerSecond: r.statesPerSecond, peakRssBytes: r.peakRssBytes, witnesses: r.witnesses, incomplete: r.incomplete,
    violation: r.violation === null ? null : { kind: r.violation.kind, name: r.violation.name, trace: r.violation.trace },
  };
}

function exitCode(r: ExploreResult | SimulateResult): number {
  if (r.violation !== null) return r.violation.kind === 'deadlock' ? EXIT.deadlock : EXIT.violation;
  return r.verdict === 'incomplete' ? EXIT.incomplete : EXIT.ok;
}

function help(t: Checkable): string {
  const lines = [`check ${t.name}: ${t.summary}`, '', 'Constants:'];
  for (const c of t.constants) lines.push(`  --${c.flag} <v>  ${c.description} (${c.constant}; default ${c.default})`);
  lines.push('', 'Variants (--variant NAME):');
  for (const [n, v] of Object.entries(t.variants)) lines.push(`  ${n}  ${v.bug}`);
  lines.push(
    '', 'Exploration:',
    '  --no-deadlock        do not report states without successors',
    '  --max-states N       stop after N distinct states (exit 3, incomplete)',
    '  --max-seconds S      stop after S seconds (exit 3, incomplete)',
    '  --json               print one JSON summary instead of text',
    '  --simulate N         N random walks instead of exhaustive search (with --depth D, --seed S)',
    '', 'Exit codes: 0 all hold, 2 bad input, 3 incomplete, 11 deadlock, 12 property violated.', '',
  );
  return lines.join('\n');
}
