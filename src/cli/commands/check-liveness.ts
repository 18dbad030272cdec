// `check <protocol> --property NAME`: the liveness check of the temporal properties named (TLC's
// PROPERTY), with the protocol's fairness, one thread and no symmetry (docs/liveness.md).
import type { Built, Fairness, Model, Tagged } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';
import type { formatLasso as lassoText, LivenessResult, PropertyVerdict } from '../../../model-check/liveness/index.ts';
import { withLiveness } from '../../../model-check/liveness/node.ts';
import { formatTrace } from '../../../model-check/trace.ts';
import { EXIT } from '../exit.ts';
import { count, secs } from '../format.ts';

/** The temporal properties to check: `--property` names (or `all`), the .cfg's, less `--no-property`. */
export function temporalSelection(model: Model<unknown, Tagged>, only: readonly string[], without: readonly string[], fromCfg: readonly string[]): string[] {
  const own = Object.keys(model.temporal ?? {});
  const known = (n: string, flag: string): void => {
    if (!own.includes(n)) throw new UsageError(`${flag}unknown temporal property '${n}' for ${model.name} (expected: ${own.join(', ') || 'none'})`);
  };
  for (const n of without) known(n, '--no-property: ');
  for (const n of only) if (n !== 'all') known(n, '--property: ');
  for (const n of without) if (only.includes(n)) throw new UsageError(`--property ${n} and --no-property ${n} contradict each other`);
  const base = only.includes('all') ? own : only.length > 0 ? [...new Set(only)] : [...fromCfg];
  return base.filter((n) => !without.includes(n));
}

/**
 * The liveness part of a check: the model with its liveness declarations, the temporal properties
 * selected (the .cfg's PROPERTY names that are temporal, `--property`, `--no-property`), and the
 * .cfg with those left out of its (action) properties.
 */
export function livenessOf<C extends { readonly properties: readonly { readonly name: string }[] }>(
  full: { readonly built: Built; readonly model: Model<unknown, Tagged> }, cfg: C | null, values: Readonly<Record<string, unknown>>,
): { live: Model<unknown, Tagged>; temporal: string[]; safetyCfg: C | null } {
  const live = liveModel(full.built, full.model);
  const isTemporal = (n: string): boolean => live.temporal?.[n] !== undefined;
  const strings = (k: string): string[] => (values[k] as string[] | undefined) ?? [];
  const temporal = temporalSelection(live, strings('property'), strings('no-property'), (cfg?.properties ?? []).map((p) => p.name).filter(isTemporal));
  return { live, temporal, safetyCfg: cfg === null ? null : { ...cfg, properties: cfg.properties.filter((p) => !isTemporal(p.name)) } };
}

/** The model with its protocol's liveness declarations (a node-level protocol's come from `liveness(c)`). */
export function liveModel(built: Built, model: Model<unknown, Tagged>): Model<unknown, Tagged> {
  if (built.kind === 'model') return model;
  return withLiveness(model as never, built.protocol as never, built.config) as unknown as Model<unknown, Tagged>;
}

/** What may not go with a liveness check: more workers, symmetry, simulation, DFS, spilling, a memory limit. */
export function refuseWithLiveness(o: { workers: string | undefined; symmetry: boolean; simulate: boolean; dfs: boolean; memoryOrSpill: boolean }): void {
  if (o.memoryOrSpill) throw new UsageError('--property keeps its graph in memory: --memory and --spill do not apply to it (use --max-states or --max-seconds)');
  if (o.workers !== undefined && o.workers !== '1') throw new UsageError(`--property runs the liveness check in one thread: --workers ${o.workers} cannot go with it`);
  if (o.symmetry) throw new UsageError('--property and --symmetry cannot go together: a fair cycle under symmetry need not be one of the model (TLC warns the same); run the liveness check without --symmetry');
  if (o.simulate || o.dfs) throw new UsageError('--property needs the whole state graph: it cannot go with --simulate or --dfs');
}

/** Runs the check and reports it (text or JSON); returns the exit code (13 on a violation, as TLC). */
export async function runLiveness(model: Model<unknown, Tagged>, names: readonly string[], o: { json: boolean; maxStates?: number; maxSeconds?: number; userSeconds?: number; head: Record<string, unknown> }, log: (line: string) => void): Promise<number> {
  const { checkLiveness, formatLasso } = await import('../../../model-check/liveness/check.ts');
  log(`Temporal properties: ${names.join(', ')}`);
  for (const n of names) {
    const p = model.temporal?.[n];
    log(`  ${n}: ${p?.formula ?? ''}${p?.assume !== undefined || p?.assumeStep !== undefined ? ' (under its assumption)' : ''}`);
  }
  log(`Fairness: ${fairnessText(model.fairness ?? [])}; liveness runs in one thread, without symmetry${model.normalize !== undefined ? ', through the model\'s view' : ''}`);
  const checked = checkLiveness(model, { properties: names, ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}), ...(o.maxSeconds !== undefined ? { maxSeconds: o.maxSeconds } : {}) });
  // The user's --max-seconds in the message, not the time that was left after building the model.
  const r = checked.incomplete?.startsWith('stopped at --max-seconds') === true ? { ...checked, incomplete: `stopped at --max-seconds ${o.userSeconds}` } : checked;
  if (o.json) process.stdout.write(`${JSON.stringify(summaryOf(r, o.head))}\n`);
  else report(r, log, formatLasso);
  return r.verdict === 'violation' ? EXIT.temporal : r.verdict === 'incomplete' ? EXIT.incomplete : EXIT.ok;
}

function fairnessText(f: readonly Fairness[]): string {
  return f.length === 0 ? 'none' : f.map((x) => `${x.kind === 'weak' ? 'WF' : 'SF'}(${x.action})`).join(', ');
}

function report(r: LivenessResult, log: (line: string) => void, formatLasso: typeof lassoText): void {
  for (const p of r.properties) {
    if (p.lasso !== null) {
      log(`Error: Temporal property ${p.name} is violated.`);
      log(`A fair behavior that violates it: ${p.lasso.trace.length} states, then a cycle of ${p.lasso.cycleLength} back to state ${p.lasso.backTo}:`);
      log(formatLasso(p.lasso, formatTrace));
    }
    log(`${p.name}: ${count(p.distinct)} distinct states, ${count(p.generated)} generated${p.boundRejected > 0 ? `; ${count(p.boundRejected)} fair-looking cycles refused only because a fair step there leaves the bounds` : ''}`);
  }
  if (r.verdict === 'incomplete') log(`Incomplete: ${r.incomplete ?? ''}; nothing is claimed.`);
  log(`${secs(r.seconds)}`);
  if (r.verdict === 'ok') log('All temporal properties hold within the bounds.');
}

function summaryOf(r: LivenessResult, head: Record<string, unknown>): Record<string, unknown> {
  const bad = r.properties.find((p) => !p.holds);
  const last = r.properties.at(-1);
  return {
    ...head, search: 'liveness', verdict: r.verdict, seconds: r.seconds, incomplete: r.incomplete,
    distinct: last?.distinct ?? null, generated: last?.generated ?? null,
    properties: r.properties.map((p: PropertyVerdict) => ({ name: p.name, holds: p.holds, distinct: p.distinct, generated: p.generated, boundRejected: p.boundRejected })),
    violation: bad?.lasso == null ? null : {
      kind: 'temporal', name: bad.name, traceLength: bad.lasso.trace.length, backTo: bad.lasso.backTo, cycleLength: bad.lasso.cycleLength, trace: bad.lasso.trace, back: bad.lasso.back,
    },
  };
}
