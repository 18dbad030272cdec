// Counterexample traces: each step names its action and shows only what changed.
import { canonical } from '../src/core/index.ts';

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
