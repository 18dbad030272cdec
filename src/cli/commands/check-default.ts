// `check <protocol>` with no bounds: the protocol's default plan (check-defaults.ts), its exhaustive
// passes then its guided passes, reporting what was exhausted and what was only searched.
import { availableParallelism } from 'node:os';
import { setAutoFreeze } from 'immer';
import type { Checkable, Model, Tagged } from '../../core/index.ts';
import { coverageJson, coverageLines, emptyCoverage, withCoverage, type Coverage } from '../../../model-check/coverage.ts';
import { guidedSearch } from '../../../model-check/guided.ts';
import { formatTrace, type Violation } from '../../../model-check/index.ts';
import { intFlag, numberFlag } from '../args.ts';
import { build, type ModelArgs } from '../build-model.ts';
import { EXIT } from '../exit.ts';
import { count, secs } from '../format.ts';
import { ALL, select, type Selection } from '../properties.ts';
import type { Pass, Plan } from './check-defaults.ts';
import { reportWitnesses } from './check-report.ts';
import { search } from './check-search.ts';
import { chooseWitnesses, chosenReached } from './check-witness.ts';

type Values = Record<string, string | boolean | string[] | undefined>;

/** What one pass did. */
interface Done {
  readonly pass: Pass;
  readonly settings: string;
  /** An exhaustive pass stopped at the plan's state cap: searched, and the run still complete. */
  readonly capped: boolean;
  /** The constant flags that differ from the protocol's defaults, as a command line gives them. */
  readonly flags: string;
  /** `exhausted`, `searched` (guided, or an exhaustive pass stopped by a limit), or `violated`. */
  readonly outcome: 'exhausted' | 'searched' | 'violated';
  readonly distinct: number;
  readonly seconds: number;
  readonly note: string;
  readonly violation: Violation | null;
}

/** The run's settings from the flags that apply to every pass. */
interface Setup {
  readonly values: Values;
  readonly selection: (m: Model<unknown, Tagged>) => Selection;
  readonly workers: number;
  readonly seed: number;
  readonly searchSeconds: number;
  readonly maxStates: number | undefined;
  /** Walks of each guided pass at most (`--search-walks`): a run that does not depend on the machine. */
  readonly searchWalks: number | undefined;
  readonly deadline: number | undefined;
  readonly coverage: Coverage | null;
  readonly speed: boolean;
}

/** Runs the plan; exit 12 on a violation or a witness no pass reached, else 0 (3 if stopped by --max-seconds). */
export async function checkDefault(name: string, target: Checkable, values: Values, variant: string | null, plan: Plan,
  selection: (m: Model<unknown, Tagged>) => Selection): Promise<number> {
  const maxSeconds = numberFlag(values['max-seconds'] as string | undefined, 'max-seconds');
  const coverage = values['coverage'] === true ? emptyCoverage() : null;
  const setup: Setup = {
    values, selection, speed: values['no-speed'] !== true, coverage,
    workers: coverage !== null ? 1 : (intFlag(values['workers'] as string | undefined, 'workers', 1, 256) ?? availableParallelism()),
    seed: intFlag(values['seed'] as string | undefined, 'seed', 0, 0xffffffff) ?? 1,
    searchSeconds: numberFlag(values['search-seconds'] as string | undefined, 'search-seconds') ?? (values['search-walks'] !== undefined ? Infinity : plan.searchSeconds),
    maxStates: plan.maxStates,
    searchWalks: intFlag(values['search-walks'] as string | undefined, 'search-walks', 1, 1e9),
    deadline: maxSeconds,
  };
  const json = values['json'] === true;
  const log = (line: string) => process.stdout.write(json ? '' : `${line}\n`);
  setAutoFreeze(false); // the protocols never mutate; freezing every successor costs the explorer
  const guided = plan.passes.filter((p) => p.kind === 'guided').length;
  const then = guided === 0 ? '' : `; then ${setup.searchWalks !== undefined ? `${setup.searchWalks} walks per pass` : `${setup.searchSeconds} s`} of guided search, seed ${setup.seed}`;
  log(`Checking ${name}${variant !== null ? ` (variant ${variant})` : ''}: the default search (exhaustive passes ${plan.passes.filter((p) => p.kind === 'exhaustive').map((p) => p.name).join(', ')}` +
    `${then}). Give bounds or --config for one exact model.`);
  const done: Done[] = [];
  const reached: Record<string, boolean> = {};
  // Names are checked before any pass runs: a misspelt one is exit 2 at once.
  const first = await build({ protocol: name, constants: constantsOf(target, {}, plan, values), variant });
  const choice = chooseWitnesses(first.model, list(values, 'witness'), list(values, 'no-witness'), list(values, 'allow-unreached'), false);
  const chosen = select(first.model, selection(first.model));
  const invariants = Object.keys(chosen.invariants);
  const actionProperties = Object.keys(chosen.actionProperties);
  for (const pass of plan.passes) {
    const d = await runPass(name, target, variant, pass, constantsOf(target, pass.constants, plan, values), setup, guided, reached);
    done.push(d);
    log(`Pass ${pass.name} (${pass.kind}; ${d.settings}): ${d.note}`);
    if (d.violation !== null) break;
  }
  const violation = done.at(-1)?.violation ?? null;
  const stopped = done.some((d) => d.pass.kind === 'exhaustive' && d.outcome === 'searched' && !d.capped);
  if (violation !== null) printViolation(name, violation, done.at(-1) as Done, log);
  const exhausted = done.filter((d) => d.outcome === 'exhausted');
  const searched = done.filter((d) => d.outcome === 'searched');
  log(`Exhausted: ${exhausted.map((d) => `${d.pass.name} (${count(d.distinct)} states)`).join(', ') || 'none'}. ` +
    `Searched, not exhaustive: ${searched.map((d) => d.pass.name).join(', ') || 'none'}.`);
  const failed = violation === null ? reportWitnesses(choice, reached, true, json ? () => undefined : log) : [];
  if (setup.coverage !== null) for (const line of coverageLines(setup.coverage)) log(line);
  if (violation === null && failed.length === 0) {
    log(stopped ? 'Incomplete: stopped at --max-seconds; no violation in what was explored.'
      : `No violation: every invariant holds in the passes exhausted (${exhausted.map((d) => d.pass.name).join(', ')})${guided > 0 ? '; the guided search found none' : ''}.`);
  }
  if (json) {
    process.stdout.write(JSON.stringify({
      protocol: name, variant, search: 'default', invariants, actionProperties, seed: setup.seed,
      verdict: violation !== null ? 'violation' : failed.length > 0 ? 'unreached' : stopped ? 'incomplete' : 'ok',
      passes: done.map((d) => ({ name: d.pass.name, kind: d.pass.kind, outcome: d.outcome, settings: d.settings, distinct: d.distinct, seconds: d.seconds })),
      witnesses: chosenReached(choice, reached), unreachedWitnesses: failed,
      violation: violation === null ? null : {
        kind: violation.kind, name: violation.name, pass: done.at(-1)?.pass.name, traceLength: violation.trace.length,
        shortest: shortest(done.at(-1)?.pass), trace: violation.trace,
      },
      ...(setup.coverage !== null ? { coverage: coverageJson(setup.coverage) } : {}),
    }) + '\n');
  }
  if (violation !== null) return violation.kind === 'deadlock' ? EXIT.deadlock : EXIT.violation;
  return failed.length > 0 ? EXIT.violation : stopped ? EXIT.incomplete : EXIT.ok;
}

/** A pass's constants: its own, else a plan feature the user gave, else the protocol's default. */
function constantsOf(target: Checkable, own: Readonly<Record<string, string>>, plan: Plan, values: Values): Record<string, string> {
  const given = (f: string): string | undefined => (plan.features ?? []).includes(f) && typeof values[f] === 'string' ? values[f] : undefined;
  return Object.fromEntries(target.constants.map((c) => [c.flag, own[c.flag] ?? given(c.flag) ?? c.default]));
}

function list(values: Values, k: string): string[] {
  return (values[k] as string[] | undefined) ?? [];
}

/** Builds and runs one pass; its witnesses are added to `reached`. */
async function runPass(name: string, target: Checkable, variant: string | null, pass: Pass, constants: Record<string, string>, setup: Setup,
  guidedPasses: number, reached: Record<string, boolean>): Promise<Done> {
  const off = setup.speed ? {} : { speed: false };
  const full = await build({ protocol: name, constants, variant, ...off });
  const properties = setup.selection(full.model);
  const args: ModelArgs = { protocol: name, constants, variant, properties, ...off };
  const selected = select(full.model, properties ?? ALL);
  const model = setup.coverage === null ? selected : withCoverage(selected, setup.coverage);
  const deadlock = setup.values['no-deadlock'] === true ? false : (model.checkDeadlock ?? true);
  const left = setup.deadline === undefined ? undefined : Math.max(1e-3, setup.deadline - performance.now() / 1000);
  const settings = full.built.settings;
  const flags = target.constants.filter((c) => constants[c.flag] !== c.default).map((c) => `--${c.flag} ${constants[c.flag]}`).join(' ');
  if (pass.kind === 'exhaustive') {
    const cap = setup.maxStates !== undefined ? { maxStates: setup.maxStates } : {};
    const r = await search(args, model, { deadlock, speed: setup.speed, ...cap, ...(left !== undefined ? { maxSeconds: left } : {}) }, setup.workers, undefined);
    for (const [w, hit] of Object.entries(r.witnesses)) if (hit) reached[w] = true;
    const outcome = r.violation !== null ? 'violated' : r.verdict === 'incomplete' ? 'searched' : 'exhausted';
    const capped = r.incomplete?.startsWith('stopped at --max-states') === true;
    const note = `${count(r.distinct)} distinct states, ${count(r.generated)} generated, depth ${r.depth}, ${secs(r.seconds)}` +
      (r.violation !== null ? `: ${r.violation.name} violated` : outcome === 'exhausted' ? ', exhausted'
        : capped ? `, not exhaustive (the plan stops an exhaustive pass at ${count(setup.maxStates ?? 0)} states)` : `, ${r.incomplete ?? 'stopped'}`);
    return { pass, settings, flags, outcome, capped, distinct: r.distinct, seconds: r.seconds, note, violation: r.violation } as Done;
  }
  const share = setup.searchSeconds * (pass.share ?? 1 / guidedPasses);
  const walks = setup.searchWalks !== undefined ? { maxWalks: setup.searchWalks } : {};
  // The box counts this process's CPU seconds (wall time under --max-seconds): on a loaded host the pass walks as far as on an idle one.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const r = left !== undefined
    ? guidedSearch(model, { seed: setup.seed, maxSeconds: Math.min(share, left), depth: 100, deadlock, speed: setup.speed, ...walks })
    : guidedSearch(model, { seed: setup.seed, maxSeconds: share, depth: 100, deadlock, speed: setup.speed, clock: cpu, ...walks });
  for (const [w, hit] of Object.entries(r.witnesses)) if (hit) reached[w] = true;
  const note = `${count(r.distinct)} distinct states, ${count(r.generated)} generated, ${count(r.walks)} walks from ${count(r.cells)} cells, ` +
    `behaviours up to ${r.longest} steps, ${secs(r.seconds)}` + (r.violation !== null ? `: ${r.violation.name} violated` : ', not exhaustive');
  return { pass, settings, flags, capped: false, outcome: r.violation !== null ? 'violated' : 'searched', distinct: r.distinct, seconds: r.seconds, note, violation: r.violation } as Done;
}

/** Whether a pass's traces are shortest: BFS's (an exhaustive pass). */
const shortest = (p: Pass | undefined): boolean => p?.kind === 'exhaustive';

function printViolation(name: string, v: Violation, d: Done, log: (line: string) => void): void {
  const what = v.kind === 'deadlock' ? 'Deadlock reached' : `${v.kind === 'invariant' ? 'Invariant' : 'Action property'} ${v.name} is violated`;
  log(`Error: ${what}.`);
  log(`Found in pass ${d.pass.name} of the default search (${d.pass.kind}).`);
  log(shortest(d.pass) ? `The shortest behavior that shows it (${v.trace.length} states):`
    : `A behavior that shows it (${v.trace.length} states; found by guided search, not necessarily the shortest):`);
  log(formatTrace(v.trace));
  log(`That pass alone: check ${name} ${d.flags}`.trimEnd());
}
