// `check`'s trace outputs: --trace-out FILE (ITF JSON, or with --trace-format tla a TLA+ module and
// its .cfg that TLC re-checks), --trace-witness NAME (the shortest path to a witness instead of the
// counterexample), --html FILE (a self-contained report) and --svg FILE (the sequence diagram alone).
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Built, Model, Tagged } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';
import { explore } from '../../../model-check/bfs.ts';
import type { Path, TlaTarget, TraceStep } from '../../../model-check/index.ts';
import type { ReportInput } from '../../../report/index.ts';
import { readConfig, type FromConfig } from '../from-config.ts';
import { show } from '../tlc-config.ts';

export const traceFlags = {
  'trace-out': { type: 'string' },
  'trace-format': { type: 'string' },
  'trace-witness': { type: 'string' },
  html: { type: 'string' },
  svg: { type: 'string' },
} as const;

/** The MC module each protocol's TLA+ trace extends, with its Init and Next. */
const tlaTargets: Readonly<Record<string, Pick<TlaTarget, 'init' | 'next' | 'rename' | 'omit'> & { readonly module: string }>> = {
  raft: { module: 'MCRaft', init: 'MCInit', next: 'MCNext' },
  paxos: { module: 'MCPaxos', init: 'Init', next: 'Next' },
  multipaxos: { module: 'MCMultiPaxos', init: 'Init', next: 'MCNext', rename: { messages: 'msgs', noop: 'Noop' } },
  // MCNext also steps the history `sent` the refinement reads; the trace leaves it to MCNext.
  basicpaxos: { module: 'MCBasicPaxos', init: 'MCInit', next: 'MCNext', rename: { messages: 'msgs' }, omit: ['role', 'value'] },
};

/** What the trace flags ask for, checked before the search starts. */
export interface TraceRequest {
  readonly out: string | null;
  readonly format: 'itf' | 'tla';
  readonly witness: string | null;
  readonly html: string | null;
  readonly svg: string | null;
  readonly cfg: FromConfig | null;
  readonly protocol: string;
}

/** Reads and checks the trace flags; null when none is given. */
export function traceRequest(values: Record<string, unknown>, protocol: string, model: Model<unknown, Tagged>, cfg: FromConfig | null, overrides: readonly string[]): TraceRequest | null {
  const str = (k: string): string | null => (typeof values[k] === 'string' ? (values[k] as string) : null);
  const [out, format, witness, html, svg] = [str('trace-out'), str('trace-format'), str('trace-witness'), str('html'), str('svg')];
  if (out === null && html === null && svg === null) {
    if (format !== null || witness !== null) throw new UsageError(`--${format !== null ? 'trace-format' : 'trace-witness'} goes with --trace-out FILE, --html FILE or --svg FILE`);
    return null;
  }
  if (format !== null && format !== 'itf' && format !== 'tla') throw new UsageError(`--trace-format: expected itf or tla, got '${format}'`);
  if (witness !== null && model.witnesses[witness] === undefined) {
    throw new UsageError(`--trace-witness: unknown witness '${witness}' for ${model.name} (expected: ${Object.keys(model.witnesses).join(', ') || 'none'})`);
  }
  if (out !== null && model.shape === undefined) throw new UsageError(`--trace-out: ${model.name} declares no state shape, so its traces cannot be typed`);
  if (format === 'tla') {
    if (out === null) throw new UsageError('--trace-format tla goes with --trace-out FILE.tla');
    if (tlaTargets[protocol] === undefined) throw new UsageError(`--trace-format tla: ${protocol}'s variables are not spec/'s one to one (supported: ${Object.keys(tlaTargets).join(', ')})`);
    if (cfg === null || overrides.length > 0) throw new UsageError('--trace-format tla needs --config MC<Protocol>.cfg and no constant flags: the trace module\'s .cfg takes that file\'s CONSTANTS');
    if (!/^[A-Za-z]\w*\.tla$/.test(basename(out))) throw new UsageError(`--trace-out ${out}: a TLA+ module file is named <Identifier>.tla`);
  }
  return { out, format: format === 'tla' ? 'tla' : 'itf', witness, html, svg, cfg, protocol };
}

/** The run's facts the report and the trace metadata show. */
export interface RunFacts {
  readonly built: Built;
  readonly invariants: readonly string[];
  readonly actionProperties: readonly string[];
  readonly verdict: string;
  readonly counts: Readonly<Record<string, number | string>>;
  readonly violation: { readonly kind: string; readonly name: string; readonly trace: readonly TraceStep[] } | null;
}

/** Writes what `r` asks for; returns the lines to print (one per file written). */
export async function writeTraces(r: TraceRequest, model: Model<unknown, Tagged>, facts: RunFacts): Promise<string[]> {
  // Loaded only when a trace or report is asked for: a plain check starts faster without them.
  const [{ pathOf }, { toItf }, tla, { htmlReport, sequenceSvg }] = await Promise.all([
    import('../../../model-check/trace-path.ts'), import('../../../model-check/trace-itf.ts'), import('../../../model-check/trace-tla.ts'), import('../../../report/index.ts'),
  ]);
  const found = r.witness !== null ? await witnessTrace(model, r.witness) : facts.violation === null ? null : { property: facts.violation.name, kind: facts.violation.kind, trace: facts.violation.trace };
  const lines: string[] = [];
  const write = (file: string, text: string, what: string): void => {
    try {
      writeFileSync(file, text);
    } catch (e) {
      throw new UsageError(`cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    lines.push(`Wrote ${what} to ${file} (${Buffer.byteLength(text).toLocaleString('en-US')} bytes)`);
  };
  const path: Path<unknown, Tagged> | null = found === null ? null : pathOf(model, found.trace);
  if (r.out !== null) {
    if (found === null || path === null) lines.push(`No ${r.witness !== null ? 'path to the witness' : 'counterexample'}: nothing written to ${r.out}`);
    else if (r.format === 'itf') write(r.out, JSON.stringify(toItf(model, path, { source: model.name, settings: facts.built.settings, status: found.kind === 'witness' ? 'witness' : 'violation', kind: found.kind, property: found.property }), null, 1) + '\n', 'the ITF trace');
    else writeTla(r, model, path, found, write, tla);
  }
  const diagram = found === null || path === null ? null : { steps: found.trace, actions: path.actions, nodes: nodesOf(facts.built) };
  const input: ReportInput = {
    title: `${model.name}: ${found === null ? facts.verdict : `${found.kind} ${found.property}`}`,
    settings: facts.built.settings, verdict: facts.verdict, counts: facts.counts,
    properties: { invariants: facts.invariants, actionProperties: facts.actionProperties, witnesses: Object.keys(model.witnesses) },
    trace: diagram === null || found === null ? null : { ...diagram, property: found.property, kind: found.kind },
  };
  if (r.html !== null) write(r.html, htmlReport(input), 'the HTML report');
  if (r.svg !== null) {
    if (diagram === null) lines.push(`No trace: nothing written to ${r.svg}`);
    else if (diagram.nodes.length === 0) lines.push(`No sequence diagram for ${model.name} (a spec-level model has no nodes exchanging messages): nothing written to ${r.svg}`);
    else write(r.svg, sequenceSvg(diagram), 'the sequence diagram');
  }
  return lines;
}

type Found = { readonly property: string; readonly kind: string; readonly trace: readonly TraceStep[] };

function writeTla(r: TraceRequest, model: Model<unknown, Tagged>, path: Path<unknown, Tagged>, found: Found, write: (f: string, t: string, w: string) => void, tla: typeof import('../../../model-check/trace-tla.ts')): void {
  const { modelValues, tlaConfig, toTla } = tla;
  const target = tlaTargets[r.protocol];
  const out = r.out as string;
  if (target === undefined || r.cfg === null) return;
  const module = basename(out, '.tla');
  const violates = found.kind === 'invariant' ? found.property : found.kind === 'witness' ? `Not${found.property}` : null;
  const given = readConfig(r.cfg.file).constants;
  // A model value the .cfg names only inside a set (Acceptor = {a1, a2}) is no constant of the module yet.
  const rename = target.rename ?? {};
  const declare = modelValues(model, path).map((x) => rename[x] ?? x).filter((x) => !given.some((c) => c.name === x));
  // An action property is checked by TLC itself, as a PROPERTY of the trace spec.
  const violatesAction = found.kind === 'actionProperty' ? found.property : null;
  write(out, toTla(model, path, { module, extends: target.module, init: target.init, next: target.next, violates, violatesAction, declare, rename, ...(target.omit === undefined ? {} : { omit: target.omit }) }), 'the TLA+ trace module');
  const constants = given.map((c) => `    ${c.name} ${c.kind === 'value' ? `= ${show(c.value)}` : `<- ${c.by}`}`);
  write(join(dirname(out), `${module}.cfg`), tlaConfig(`CONSTANTS\n${constants.join('\n')}`, declare, violatesAction), 'its TLC model file');
}

/** The shortest path to a state where witness `name` holds (BFS for the first violation of Not<name>). */
async function witnessTrace(model: Model<unknown, Tagged>, name: string): Promise<Found | null> {
  const w = model.witnesses[name] as (s: unknown) => boolean;
  const r = await explore({ ...model, invariants: { [`Not${name}`]: (s: unknown) => !w(s) }, actionProperties: {} }, { deadlock: false });
  return r.violation === null ? null : { property: name, kind: 'witness', trace: r.violation.trace };
}

function nodesOf(b: Built): readonly string[] {
  return b.kind === 'node' ? [...b.protocol.nodes(b.config)].sort() : [];
}

