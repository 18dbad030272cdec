// `check <protocol>`: build the model from flags or a TLC .cfg, explore it, report like TLC, exit
// with TLC's codes.
import { availableParallelism, loadavg } from 'node:os';
import { setAutoFreeze } from 'immer';
import type { Built, Checkable, Model, Tagged } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';
import type { ExploreOptions, ExploreResult } from '../../../model-check/run.ts';
import type { SimulateResult } from '../../../model-check/simulate.ts';
import { build, type ModelArgs } from '../build-model.ts';
import { intFlag, numberFlag, parseFlags } from '../args.ts';
import { EXIT } from '../exit.ts';
import { count } from '../format.ts';
import { fromConfig, pickProtocol, readConfig, type FromConfig } from '../from-config.ts';
import { checkName, resolve, type Selection } from '../properties.ts';
import { protocols } from '../registry.ts';
import { generalHelp, help, list } from './check-help.ts';
import { search } from './check-search.ts';
import { orderLine, orderOf, type Order } from './check-order.ts';
import { plans } from './check-defaults.ts';
import { exitCode, report, reportSimulation, reportVerdict, reportWitnesses, summary, type Checked } from './check-report.ts';
import { chooseWitnesses, type WitnessChoice } from './check-witness.ts';
import { traceFlags, traceRequest, writeTraces, type TraceRequest } from './check-traces.ts';
import { livenessOf, liveModel, refuseWithLiveness, runLiveness } from './check-liveness.ts';
import { refusePor } from './check-por.ts';
import type { Command } from './index.ts';

const common = {
  variant: { type: 'string' },
  config: { type: 'string' },
  invariant: { type: 'string', multiple: true },
  'no-invariant': { type: 'string', multiple: true },
  'action-property': { type: 'string', multiple: true },
  'no-action-property': { type: 'string', multiple: true },
  property: { type: 'string', multiple: true },
  'no-property': { type: 'string', multiple: true },
  list: { type: 'boolean' },
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
  swarm: { type: 'boolean' },
  witness: { type: 'string', multiple: true },
  'no-witness': { type: 'string', multiple: true },
  'allow-unreached': { type: 'string', multiple: true },
  coverage: { type: 'boolean' },
  'search-seconds': { type: 'string' },
  'search-walks': { type: 'string' },
  guided: { type: 'boolean' },
  search: { type: 'string' },
  heuristic: { type: 'string' },
  por: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...traceFlags,
} as const;

type Values = Record<string, string | boolean | string[] | undefined>;

export const check: Command = {
  summary: 'check <protocol> [constants] [--config F.cfg] [--variant NAME]: explore every state within the bounds',
  async run(argv) {
    const names = Object.keys(protocols);
    const given = argv[0] !== undefined && !argv[0].startsWith('-') ? argv[0] : undefined;
    const rest = given === undefined ? argv : argv.slice(1);
    if (given !== undefined && protocols[given] === undefined) throw new UsageError(`unknown protocol '${given}' (expected: ${names.join(', ')})`);
    const cfgPath = peekConfig(rest);
    if (given === undefined && cfgPath === undefined) {
      if (rest.includes('--help') || rest.includes('-h')) return (process.stdout.write(await generalHelp()), EXIT.ok);
      throw new UsageError(`check: which protocol? (expected: ${names.join(', ')}) or --config MC<Protocol>.cfg`);
    }
    const name = cfgPath === undefined ? (given as string) : pickProtocol(cfgPath, given, names);
    const target = await (protocols[name] as () => Promise<Checkable>)();
    const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { ...common };
    for (const c of target.constants) options[c.flag] = { type: 'string' };
    const { values, positionals } = parseFlags(rest, options, `check ${name}`);
    if (values['help'] === true) return (process.stdout.write(help(target)), EXIT.ok);
    if (values['list'] === true) {
      const defaults = Object.fromEntries(target.constants.map((c) => [c.flag, c.default]));
      const listed = await build({ protocol: name, constants: defaults, variant: null });
      return (process.stdout.write(list(target, liveModel(listed.built, listed.model))), EXIT.ok);
    }
    if (positionals.length > 0) throw new UsageError(`check ${name}: unexpected argument '${positionals[0]}'`);
    const cfg = cfgPath === undefined ? null : fromConfig(readConfig(cfgPath), target);
    return checkWith(name, target, values as Values, cfg);
  },
};

/** The value of `--config` among `argv`, read before the protocol's flags are known. */
function peekConfig(argv: readonly string[]): string | undefined {
  const found: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] as string;
    if (a === '--config') {
      const v = argv[k + 1];
      if (v === undefined || v.startsWith('-')) throw new UsageError('--config needs a file, e.g. --config spec/MCRaft.cfg');
      found.push(v);
    } else if (a.startsWith('--config=')) found.push(a.slice('--config='.length));
  }
  if (found.length > 1) throw new UsageError(`--config given ${found.length} times (${found.join(', ')}): give one model file`);
  return found[0];
}

/** Constants from the flags, else the .cfg, else the defaults; each flag that beats the file is noted. */
function constantsOf(target: Checkable, values: Values, cfg: FromConfig | null, overrides: string[]): Record<string, string> {
  const constants: Record<string, string> = {};
  for (const c of target.constants) {
    const v = values[c.flag];
    if (typeof v === 'string') {
      constants[c.flag] = v;
      if (cfg !== null) overrides.push(`--${c.flag} ${v} overrides ${cfg.origin[c.flag] ?? c.constant}`);
    } else constants[c.flag] = cfg?.constants[c.flag] ?? c.default;
  }
  return constants;
}

/** Builds the model, naming the .cfg line when a value the file gave is refused. */
async function buildFrom(args: ModelArgs, cfg: FromConfig | null, values: Values) {
  try {
    return await build(args);
  } catch (e) {
    const flag = e instanceof UsageError ? /--([a-z-]+)/.exec(e.message)?.[1] : undefined;
    if (cfg === null || flag === undefined || values[flag] !== undefined || cfg.origin[flag] === undefined) throw e;
    throw new UsageError(`${cfg.origin[flag]}: ${(e as Error).message}`);
  }
}

/** The invariants and action properties: the file's (or all), then --invariant and its kin. */
function propertiesOf(model: Model<unknown, Tagged>, cfg: FromConfig | null, values: Values, overrides: string[]): Selection {
  const list = (k: string): string[] => (values[k] as string[] | undefined) ?? [];
  for (const i of cfg?.invariants ?? []) checkName(model, 'invariant', i.name, `${cfg?.file}:${i.line}: `);
  for (const p of cfg?.properties ?? []) checkName(model, 'action property', p.name, `${cfg?.file}:${p.line}: PROPERTY: `);
  const invariants = resolve(model, 'invariant', cfg?.invariants.map((i) => i.name) ?? null, list('invariant'), list('no-invariant'));
  const actionProperties = resolve(model, 'action property', cfg?.properties.map((p) => p.name) ?? null, list('action-property'), list('no-action-property'));
  if (cfg !== null && list('invariant').length + list('no-invariant').length > 0) overrides.push(`--invariant/--no-invariant override ${cfg.file}'s INVARIANTS`);
  if (cfg !== null && list('action-property').length + list('no-action-property').length > 0) overrides.push(`--action-property/--no-action-property override ${cfg.file}'s PROPERTIES`);
  return { invariants, actionProperties };
}

async function checkWith(name: string, target: Checkable, values: Values, cfg: FromConfig | null): Promise<number> {
  const variant = typeof values['variant'] === 'string' ? values['variant'] : null;
  if (variant !== null && target.variants[variant] === undefined) {
    throw new UsageError(`unknown variant '${variant}' for ${name} (expected: ${Object.keys(target.variants).join(', ')})`);
  }
  const plan = plans[name];
  const exact = exactModelFlags(target, values, plan?.features ?? []);
  if (plan !== undefined && cfg === null && exact.length === 0) return (await import('./check-default.ts')).checkDefault(name, target, values, variant, plan, propertiesOfFlags(values));
  for (const f of ['search-seconds', 'search-walks'].filter((k) => values[k] !== undefined && values['guided'] !== true)) {
    throw new UsageError(`--${f} goes with the default search, which ${exact.length > 0 ? `--${exact[0]} turns off` : `${name} does not have`}`);
  }
  const overrides: string[] = [];
  const constants = constantsOf(target, values, cfg, overrides);
  const speed = values['no-speed'] !== true;
  const off = speed ? {} : { speed };
  const full = await buildFrom({ protocol: name, constants, variant, ...off }, cfg, values);
  // The liveness graph is over the protocol's own states: no refinement history beside them.
  const plain = (await build({ protocol: name, constants, variant, properties: { invariants: null, actionProperties: [] }, ...off })).model;
  const { live, temporal, safetyCfg } = livenessOf({ built: full.built, model: plain }, cfg, values);
  const args: ModelArgs = { protocol: name, constants, variant, properties: propertiesOf(full.model, safetyCfg, values, overrides), ...off };
  const built = full.built;
  // Loaded only when asked for, as are the other options' modules: start-up is part of every run.
  const cov = values['coverage'] === true ? await import('../../../model-check/coverage.ts') : null;
  const coverage = cov === null ? null : cov.emptyCoverage();
  // Built again with the selection, as each worker builds it: the refinement's history variable is
  // carried only when Refines<Spec> is checked.
  const selected = (await build(args)).model;
  const model = cov === null || coverage === null ? selected : cov.withCoverage(selected, coverage);
  const witnesses = witnessesOf(model, values, cfg !== null);
  const por = values['por'] === true;
  const o = runOptions(name, values, cfg, model, overrides, coverage !== null || por);
  if (por) refusePor(name, model, values, { liveness: temporal.length > 0, symmetry: o.symmetry });
  const traces = traceRequest(values, name, full.model, cfg, overrides);

  setAutoFreeze(false); // the protocols never mutate; freezing every successor costs the explorer
  const log = (line: string) => process.stdout.write(o.json ? '' : `${line}\n`);
  log(`Checking ${name}${variant !== null ? ` (variant ${variant})` : ''}${cfg !== null ? ` from ${cfg.file}` : ''}: ${built.settings}`);
  for (const x of overrides) log(`Override: ${x}`);
  if (temporal.length > 0) {
    refuseWithLiveness({ workers: values['workers'] as string | undefined, symmetry: o.symmetry, simulate: o.walks !== undefined, dfs: o.dfs !== undefined, memoryOrSpill: o.memory !== undefined || o.spill !== undefined });
    const head = { protocol: name, variant, config: cfg?.file ?? null, overrides, settings: built.settings };
    return runLiveness(live, temporal, { json: o.json, head, ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}), ...(o.remaining !== undefined ? { maxSeconds: o.remaining, userSeconds: o.maxSeconds as number } : {}) }, log);
  }
  log(`Invariants: ${Object.keys(model.invariants).join(', ') || '(none)'}`);
  if (o.symmetry) log(`Symmetry: one state per class under ${model.symmetry?.permutations.length ?? 1} renamings (TLC's SYMMETRY)`);
  if (Object.keys(model.actionProperties).length > 0) log(`Action properties: ${Object.keys(model.actionProperties).join(', ')}`);
  if (coverage !== null) log('Coverage: counted in one thread (--coverage runs with --workers 1)');
  const checked: Checked = {
    protocol: name, variant, config: cfg?.file ?? null, overrides,
    invariants: Object.keys(model.invariants), actionProperties: Object.keys(model.actionProperties),
    search: o.guided ? 'guided' : o.walks !== undefined ? 'simulate' : o.dfs !== undefined ? 'dfs' : o.order?.search ?? 'bfs',
  };
  const finish = async (r: ExploreResult | SimulateResult, exhaustive: boolean): Promise<number> => {
    const failed = r.violation === null && r.verdict === 'ok' ? reportWitnesses(witnesses, r.witnesses, exhaustive, o.json ? () => undefined : log) : [];
    if (cov !== null && coverage !== null) for (const line of cov.coverageLines(coverage)) log(line);
    if (o.json) process.stdout.write(JSON.stringify({ ...summary(checked, built, r, witnesses, failed), ...(cov !== null && coverage !== null ? { coverage: cov.coverageJson(coverage) } : {}) }) + '\n');
    else reportVerdict(r, failed, log);
    await traced(traces, model, built, checked, r, log);
    return exitCode(r, failed);
  };
  if (o.walks !== undefined) return finish(await walk(model, o, o.walks, values['swarm'] === true, log), false);
  if (o.guided) return finish(await guided(model, o, values, log), false);
  const opts: ExploreOptions = {
    deadlock: o.deadlock, symmetry: o.symmetry, speed,
    ...(o.memory !== undefined ? { memoryBytes: o.memory * 2 ** 30 } : {}),
    ...(o.spill !== undefined ? { spillStates: o.spill } : {}),
    ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
    ...(o.remaining !== undefined ? { maxSeconds: o.remaining } : {}),
  };
  if (o.dfs !== undefined) log(`Depth-first, at most ${o.dfs} states deep (traces are real, not necessarily shortest)`);
  if (o.order !== undefined) log(orderLine(o.order));
  if (por) log('Partial-order reduction: breadth-first with sleep sets, one thread (the same states and depths, fewer transitions hashed)');
  const result = withLimit(await search(args, model, opts, o.workers, o.dfs, o.order, por), o.maxSeconds);
  if (!o.json) report(result, log, o.dfs !== undefined || o.order?.search === 'best-first', o.order?.search === 'best-first' ? 'best-first, then shortened' : 'depth-first');
  if ('slept' in result) log(`Sleep sets: ${count(result.slept as number)} transitions asleep, neither hashed nor queued`);
  return finish(result, o.dfs === undefined);
}

/** The run's limits and search mode from the flags (and the .cfg), each checked. */
interface RunOptions {
  readonly maxStates: number | undefined;
  readonly maxSeconds: number | undefined;
  /** What is left of --max-seconds once the model is built. */
  readonly remaining: number | undefined;
  readonly workers: number;
  readonly json: boolean;
  readonly walks: number | undefined;
  readonly depth: number | undefined;
  readonly seed: number | undefined;
  readonly deadlock: boolean;
  readonly dfs: number | undefined;
  readonly symmetry: boolean;
  readonly memory: number | undefined;
  readonly spill: number | undefined;
  readonly speed: boolean;
  readonly guided: boolean;
  /** `--search iddfs|best-first`: an exhaustive search in another order (check-order.ts). */
  readonly order: Order | undefined;
}

function runOptions(name: string, values: Values, cfg: FromConfig | null, model: Model<unknown, Tagged>, overrides: string[], oneThread: boolean): RunOptions {
  const maxStates = intFlag(values['max-states'] as string | undefined, 'max-states', 1);
  const maxSeconds = numberFlag(values['max-seconds'] as string | undefined, 'max-seconds');
  // Workers pay only on cores the host leaves idle (docs/explorer.md): the default counts those.
  const workers = oneThread ? 1 : (intFlag(values['workers'] as string | undefined, 'workers', 1, 256) ?? Math.max(1, availableParallelism() - Math.round(loadavg()[0] ?? 0)));
  const walks = intFlag(values['simulate'] as string | undefined, 'simulate', 1);
  const depth = intFlag(values['depth'] as string | undefined, 'depth', 1);
  const seed = intFlag(values['seed'] as string | undefined, 'seed', 0, 0xffffffff);
  const guided = values['guided'] === true;
  const order = orderOf(values);
  const alien = ['simulate', 'dfs', 'depth', 'symmetry', 'max-states', 'memory', 'spill'].filter((k) => values[k] !== undefined);
  if (guided && alien.length > 0) throw new UsageError(`--guided is a search mode of its own (one thread, no symmetry): not with --${alien[0]}`);
  if (order !== undefined && (guided || walks !== undefined || values['dfs'] !== undefined)) throw new UsageError(`--search ${order.search} is a search mode of its own: not with --${guided ? 'guided' : walks !== undefined ? 'simulate' : 'dfs'}`);
  if (walks === undefined && !guided && (depth !== undefined || seed !== undefined)) throw new UsageError('--depth and --seed go with --simulate N (--seed also with --guided)');
  if (walks === undefined && values['swarm'] === true) throw new UsageError('--swarm goes with --simulate N');
  const noDeadlock = values['no-deadlock'] === true;
  if (noDeadlock && cfg?.deadlock === true) overrides.push(`--no-deadlock overrides ${cfg.file}'s CHECK_DEADLOCK (default TRUE)`);
  const deadlock = noDeadlock ? false : (cfg?.deadlock ?? model.checkDeadlock ?? true);
  const dfs = intFlag(values['dfs'] as string | undefined, 'dfs', 1);
  if (dfs !== undefined && walks !== undefined) throw new UsageError('--dfs and --simulate are different modes: pick one');
  const symmetry = values['symmetry'] === true || cfg?.symmetry === true;
  if (values['symmetry'] === true && cfg?.symmetry === false) overrides.push(`--symmetry overrides ${cfg.file} (no SYMMETRY)`);
  const memory = numberFlag(values['memory'] as string | undefined, 'memory');
  const spill = intFlag(values['spill'] as string | undefined, 'spill', 1);
  if (symmetry && model.symmetry === undefined) throw new UsageError(`--symmetry: ${name} (with these constants) has no interchangeable values`);
  // --max-seconds counts from the start of the process (performance.now()'s origin), model building included.
  const remaining = maxSeconds === undefined ? undefined : Math.max(1e-3, maxSeconds - performance.now() / 1000);
  return { maxStates, maxSeconds, remaining, workers, json: values['json'] === true, walks, depth, seed, deadlock, dfs, symmetry, memory, spill, speed: values['no-speed'] !== true, guided, order };
}

/** `--simulate N`: random walks inside the constraint (`--swarm`: action weights per walk). */
async function walk(model: Model<unknown, Tagged>, o: RunOptions, walks: number, swarm: boolean, log: (line: string) => void): Promise<SimulateResult> {
  const { simulate } = await import('../../../model-check/simulate.ts');
  const s = o.seed ?? Math.floor(Math.random() * 0xffffffff);
  log(`Simulation: ${walks} random walks inside the constraint of at most ${o.depth ?? 100} steps${swarm ? ', swarm weights per walk' : ''}, seed ${s}`);
  const r = simulate(model, {
    walks, depth: o.depth ?? 100, seed: s, deadlock: o.deadlock, speed: o.speed, swarm,
    ...(o.remaining !== undefined ? { maxSeconds: o.remaining } : {}),
    onProgress: (p) => process.stderr.write(`progress: ${count(p.walks)} walks, ${count(p.steps)} steps, ${count(p.distinct)} distinct states\n`),
  });
  if (!o.json) reportSimulation(withLimit(r, o.maxSeconds), log);
  return withLimit(r, o.maxSeconds);
}

/** `--guided`: the guided search at these bounds (`--seed`, `--search-seconds`, `--search-walks`), a violation shortened. */
async function guided(model: Model<unknown, Tagged>, o: RunOptions, values: Values, log: (line: string) => void): Promise<SimulateResult> {
  const { runGuided } = await import('./check-guided.ts');
  const seconds = numberFlag(values['search-seconds'] as string | undefined, 'search-seconds') ?? 60;
  const walks = intFlag(values['search-walks'] as string | undefined, 'search-walks', 1);
  return withLimit(await runGuided(model, { seed: o.seed ?? 1, seconds, walks, remaining: o.remaining, deadlock: o.deadlock, speed: o.speed }, o.json, log), o.maxSeconds);
}

/** Writes the files the trace flags ask for (check-traces.ts) and names each one. */
async function traced(t: TraceRequest | null, model: Model<unknown, Tagged>, built: Built, c: Checked, r: ExploreResult | SimulateResult, log: (line: string) => void): Promise<void> {
  if (t === null) return;
  const counts = 'walks' in r ? { walks: r.walks, steps: r.steps, distinct: r.distinct, seconds: r.seconds } : { distinct: r.distinct, generated: r.generated, depth: r.depth, seconds: r.seconds };
  const lines = await writeTraces(t, model, { built, invariants: c.invariants, actionProperties: c.actionProperties, verdict: r.verdict, counts, violation: r.violation });
  for (const l of lines) log(l);
}

/** The invariants and action properties the flags select, for a model built without a .cfg. */
export function propertiesOfFlags(values: Values): (m: Model<unknown, Tagged>) => Selection {
  return (m) => propertiesOf(m, null, values, []);
}

/** The flags that ask for one exact model (TLC's), turning the default search off; a plan's features do not. */
function exactModelFlags(target: Checkable, values: Values, features: readonly string[]): string[] {
  const own = target.constants.map((c) => c.flag).filter((f) => values[f] !== undefined && !features.includes(f));
  const modes = ['guided', 'search', 'heuristic', 'simulate', 'dfs', 'depth', 'swarm', 'max-states', 'symmetry', 'por', 'memory', 'spill', 'property', 'trace-out', 'trace-format', 'trace-witness', 'html', 'svg'].filter((f) => values[f] !== undefined);
  return [...own, ...modes];
}

/** The witness choice from --witness, --no-witness and --allow-unreached. */
export function witnessesOf(model: Model<unknown, Tagged>, values: Values, fromConfig: boolean): WitnessChoice {
  const list = (k: string): string[] => (values[k] as string[] | undefined) ?? [];
  return chooseWitnesses(model, list('witness'), list('no-witness'), list('allow-unreached'), fromConfig);
}

/** The user's --max-seconds in the "stopped at" message, not the time left after building. */
function withLimit<R extends { readonly incomplete: string | null }>(r: R, maxSeconds: number | undefined): R {
  if (maxSeconds === undefined || r.incomplete === null || !r.incomplete.startsWith('stopped at --max-seconds')) return r;
  return { ...r, incomplete: `stopped at --max-seconds ${maxSeconds}` };
}
