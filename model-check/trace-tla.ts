// A trace as a TLA+ module over our spec/: the states as a sequence, and a spec that steps through
// it under the MC module's Next, so that TLC re-checks the trace: every step must be a step of the
// spec (else TLC finds fewer distinct states than the trace has), and the last state must violate
// the named invariant (else TLC reports TraceEndsInViolation violated).
import type { Model, Tagged } from '../src/core/index.ts';
import { typedVariables } from './trace-itf.ts';
import type { Path } from './trace-path.ts';
import type { Value } from './trace-value.ts';

/** Which module the trace is checked against, and the names it uses. */
export interface TlaTarget {
  /** The trace module's name (also its file name without `.tla`). */
  readonly module: string;
  /** The MC module it extends, e.g. `MCRaft`. */
  readonly extends: string;
  /** Its initial predicate and next-state relation, e.g. `MCInit`, `MCNext`. */
  readonly init: string;
  readonly next: string;
  /** The invariant the last state violates (an operator of the extended module), or null. */
  readonly violates: string | null;
  /** The action property the last step violates (the .cfg names it a PROPERTY), or null. */
  readonly violatesAction?: string | null;
  /** Model values the trace uses that the model file only lists inside values (`Acceptor = {a1, a2}`): declared here as constants. */
  readonly declare: readonly string[];
  /** Variables and model values the spec names otherwise (Multi-Paxos: `messages` is `msgs`, `noop` is `Noop`). */
  readonly rename?: Readonly<Record<string, string>>;
  /** Our variables the spec has no variable for (Basic Paxos: a node's `role`, a proposer's constant `value`). */
  readonly omit?: readonly string[];
}

/** Every model value (server, value, Nil) a trace's states name, sorted. */
export function modelValues<S, A extends Tagged>(model: Model<S, A>, path: Path<S, A>): string[] {
  const out = new Set<string>();
  const walk = (v: Value): void => {
    if (v.k === 'name') out.add(v.v);
    else if (v.k === 'seq' || v.k === 'set') v.v.forEach(walk);
    else if (v.k === 'map') v.v.forEach(([a, b]) => (walk(a), walk(b)));
    else if (v.k === 'rec') v.v.forEach(([, b]) => walk(b));
  };
  for (const s of path.states) for (const [, v] of typedVariables(model, s)) walk(v);
  return [...out].sort();
}

/** A value as TLA+ text: model values by name (or as `rename` names them), functions as `(k :> v @@ ...)`. */
export function tlaOf(v: Value, rename: Readonly<Record<string, string>> = {}): string {
  const of = (x: Value): string => tlaOf(x, rename);
  switch (v.k) {
    case 'int': return String(v.v);
    case 'bool': return v.v ? 'TRUE' : 'FALSE';
    case 'str': return JSON.stringify(v.v);
    case 'name': return rename[v.v] ?? v.v;
    case 'seq': return `<<${v.v.map(of).join(', ')}>>`;
    case 'set': return `{${v.v.map(of).join(', ')}}`;
    case 'map': return v.v.length === 0 ? '<<>>' : `(${v.v.map(([a, b]) => `${of(a)} :> ${of(b)}`).join(' @@ ')})`;
    case 'rec': return `[${v.v.map(([f, x]) => `${f} |-> ${of(x)}`).join(', ')}]`;
  }
}

/** The module text; TLC is to report exactly `path.states.length` distinct states and no error. */
export function toTla<S, A extends Tagged>(model: Model<S, A>, path: Path<S, A>, t: TlaTarget): string {
  const rename = t.rename ?? {};
  // A refinement's image (`Paxos!maxBal`) is an operator of the MC module, not a variable.
  const spec = ([name]: readonly [string, unknown]): boolean => !name.includes('!') && !(t.omit ?? []).includes(name);
  const rows = path.states.map((s) => typedVariables(model, s).filter(spec).map(([name, v]) => [rename[name] ?? name, v] as const));
  const vars = rows[0]?.map(([name]) => name) ?? [];
  const records = rows.map((r, k) => `  \\* ${k + 1}: ${k === 0 ? 'initial state' : describe(model, path.actions[k] ?? null)}\n  [${r.map(([name, v]) => `${name} |-> ${tlaOf(v, rename)}`).join(',\n   ')}]`);
  const now = (prime: string, at: string) => vars.map((x) => `       /\\ ${x}${prime} = Trace[${at}].${x}`).join('\n');
  const n = path.states.length;
  return [
    `${'-'.repeat(20)} MODULE ${t.module} ${'-'.repeat(20)}`,
    `\\* A trace of ${model.name} written by consensus-checked (${n} states). TLC must find exactly`,
    ...(t.violatesAction === undefined || t.violatesAction === null
      ? [`\\* ${n} distinct states and no error: then each step is a step of ${t.next}${t.violates === null ? '' : ` and the last state violates ${t.violates}`}.`]
      : [`\\* ${n} distinct states and report action property ${t.violatesAction} violated by a behaviour of all ${n} states: then each`, `\\* step is a step of ${t.next}, and the last one, and only it, violates ${t.violatesAction}.`]),
    `EXTENDS ${t.extends}, TLC, Sequences, Naturals`,
    '',
    ...(t.declare.length === 0 ? [] : [`CONSTANTS ${t.declare.join(', ')}`, '']),
    '\\* The position in the trace.',
    'VARIABLE traceIndex',
    '',
    `Trace == <<\n${records.join(',\n')}\n  >>`,
    '',
    `TraceInit ==\n       /\\ ${t.init}\n       /\\ traceIndex = 1\n${now('', '1')}`,
    '',
    `TraceNext ==\n       /\\ traceIndex < Len(Trace)\n       /\\ ${t.next}\n       /\\ traceIndex' = traceIndex + 1\n${now("'", 'traceIndex + 1')}`,
    '',
    `TraceEndsInViolation == traceIndex = Len(Trace) => ${t.violates === null ? 'TRUE' : `~${t.violates}`}`,
    '='.repeat(77),
    '',
  ].join('\n');
}

function describe<S, A extends Tagged>(model: Model<S, A>, a: A | null): string {
  return a === null ? '' : model.describe(a).replace(/\s+/g, ' ');
}

/**
 * The .cfg of the trace module: the model's CONSTANTS block (plus `declare`'s model values), then the
 * trace spec and its check; `action` names the action property the last step violates.
 */
export function tlaConfig(constants: string, declare: readonly string[] = [], action: string | null = null): string {
  return `${constants.trimEnd()}${declare.map((x) => `\n    ${x} = ${x}`).join('')}\nINIT TraceInit\nNEXT TraceNext\nINVARIANT TraceEndsInViolation\n${action === null ? '' : `PROPERTY ${action}\n`}CHECK_DEADLOCK FALSE\n`;
}
