// Counterexample traces: each step names its action and shows only what changed.
import { canonical, type Model, type Tagged } from '../src/core/index.ts';

/** One variable (or part of one) that a step changed, e.g. `currentTerm.s1: 1 -> 2`. */
export interface Change {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** One state of a trace and the action that led to it (null for the initial state). */
export interface TraceStep {
  readonly action: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly changes: readonly Change[];
}

/**
 * A behaviour as trace steps: `actions[k]` led to `states[k]` (`actions[0]` is null, the initial
 * state). Each state's variables are computed once and diffed against the previous state's.
 */
export function traceOf<S, A extends Tagged>(model: Model<S, A>, states: readonly S[], actions: readonly (A | null)[]): TraceStep[] {
  let prev: Readonly<Record<string, unknown>> | null = null;
  return states.map((s, k) => {
    const variables = model.variables(s);
    const a = actions[k] ?? null;
    const step = { action: a === null ? null : model.describe(a), variables, changes: prev === null ? [] : diff(prev, variables) };
    prev = variables;
    return step;
  });
}

/** What changed from `a` to `b`, down to record fields and array positions. */
export function diff(a: unknown, b: unknown, path = ''): Change[] {
  if (a === b) return [];
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diff(a[k], b[k], path === '' ? k : `${path}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.length > 0 && !isMessages(path)) {
    return a.flatMap((x, k) => diff(x, b[k], `${path}[${k + 1}]`));
  }
  if (canonical(a ?? null) === canonical(b ?? null)) return [];
  return [{ path, from: a, to: b }];
}

/** A trace as text, TLC-like: step number, action, then `path: old -> new` per change. */
export function formatTrace(trace: readonly TraceStep[]): string {
  const lines: string[] = [];
  trace.forEach((step, k) => {
    if (step.action === null) {
      lines.push(`${k + 1}: <Initial state>`);
      for (const [name, value] of Object.entries(step.variables)) lines.push(`     ${name} = ${show(value)}`);
    } else {
      lines.push(`${k + 1}: ${step.action}`);
      if (step.changes.length === 0) lines.push('     (no change)');
      for (const c of step.changes) lines.push(`     ${c.path}: ${show(c.from)} -> ${show(c.to)}`);
    }
  });
  return lines.join('\n');
}

function show(x: unknown): string {
  return x === undefined ? '(none)' : canonical(x).replace(/"([A-Za-z_][\w]*)":/g, '$1:');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isMessages(path: string): boolean {
  return path === 'messages' || path === 'msgs';
}
