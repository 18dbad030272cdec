// Walking a model by hand: a path is the index of an initial state, then at each step the index of
// the taken action among the state's enabled ones (the model's own order), so a URL can carry it.
import { canonical, UsageError, type Model, type Tagged } from '../src/core/index.ts';
import { traceOf, type TraceStep } from '../model-check/index.ts';
import { successors as enabled } from '../model-check/trace-path.ts';
import { sequenceSvg } from '../report/index.ts';

/** The states and actions a path leads through; `actions[0]` is null (an initial state). */
export interface Walk<S, A> {
  readonly indices: readonly number[];
  readonly states: readonly S[];
  readonly actions: readonly (A | null)[];
}

/** `"0.3.1"` as indices; a bad one is a UsageError naming it. */
export function parsePath(text: string): number[] {
  if (text === '') return [];
  if (!/^\d{1,6}(\.\d{1,6}){0,9999}$/.test(text)) throw new UsageError(`path '${text.slice(0, 40)}': expected action indices separated by dots, e.g. 0.3.1`);
  return text.split('.').map(Number);
}

/** Steps the model along `indices`; throws a UsageError at the first index with no such choice. */
export function walk<S, A extends Tagged>(model: Model<S, A>, indices: readonly number[]): Walk<S, A> {
  const states: S[] = [];
  const actions: (A | null)[] = [];
  indices.forEach((k, step) => {
    if (step === 0) {
      const inits = model.init();
      const s0 = inits[k];
      if (s0 === undefined) throw new UsageError(`path step 1: no initial state with index ${k} (the model has ${inits.length})`);
      states.push(s0);
      actions.push(null);
      return;
    }
    const next = enabled(model, states[step - 1] as S);
    const hit = next[k];
    if (hit === undefined) throw new UsageError(`path step ${step + 1}: no enabled action with index ${k} (${next.length} are enabled)`);
    actions.push(hit[0]);
    states.push(hit[1]);
  });
  return { indices, states, actions };
}

/** The indices of a trace the checker printed: the initial state, then each step's action and successor. */
export function indicesOf<S, A extends Tagged>(model: Model<S, A>, trace: readonly TraceStep[]): number[] {
  const key = (s: S): string => canonical(model.variables(s));
  const first = trace[0];
  if (first === undefined) return [];
  const i0 = model.init().findIndex((s) => key(s) === canonical(first.variables));
  if (i0 < 0) throw new Error('the trace does not start in an initial state');
  const out = [i0];
  let s = model.init()[i0] as S;
  for (const step of trace.slice(1)) {
    const want = canonical(step.variables);
    const next = enabled(model, s);
    const k = next.findIndex(([a, t]) => model.describe(a) === step.action && key(t) === want);
    if (k < 0) throw new Error(`the trace's step ${out.length + 1} (${step.action ?? ''}) is no successor`);
    out.push(k);
    s = (next[k] as readonly [A, S])[1];
  }
  return out;
}

/** What the page shows for a path: each node's variables, the messages in flight, the choices, the diagram. */
export interface View {
  readonly path: string;
  readonly nodes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly globals: Readonly<Record<string, unknown>>;
  readonly messages: readonly unknown[];
  readonly steps: readonly { readonly action: string; readonly changes: readonly string[] }[];
  readonly choices: readonly { readonly index: number; readonly label: string }[];
  readonly violated: readonly string[];
  readonly svg: string;
}

/** The view of the state a path leads to (the initial states as the choices of the empty path). */
export function viewOf<S, A extends Tagged>(model: Model<S, A>, nodes: readonly string[], indices: readonly number[]): View {
  const w = walk(model, indices);
  const last = w.states[w.states.length - 1];
  if (last === undefined) {
    const choices = model.init().map((_, index) => ({ index, label: `Initial state ${index + 1}` }));
    return { path: '', nodes: {}, globals: {}, messages: [], steps: [], choices, violated: [], svg: '' };
  }
  const vars = model.variables(last);
  const perNode: Record<string, Record<string, unknown>> = Object.fromEntries(nodes.map((n) => [n, {}]));
  const globals: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (name === 'messages') continue;
    // A function of nodes (all of them, or one role's, as Basic Paxos's promised) is filed under each node.
    const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
    if (keys.length > 0 && keys.every((n) => nodes.includes(n))) for (const n of keys) (perNode[n] as Record<string, unknown>)[name] = (value as Record<string, unknown>)[n];
    else globals[name] = value;
  }
  const trace = traceOf(model, w.states, w.actions);
  const choices = enabled(model, last).map(([a], index) => ({ index, label: model.describe(a) }));
  const violated = Object.entries(model.invariants).filter(([, p]) => !p(last)).map(([n]) => n);
  const steps = trace.map((t) => ({ action: t.action ?? 'Initial state', changes: t.changes.map((c) => `${c.path}: ${canonical(c.from ?? null)} → ${canonical(c.to ?? null)}`) }));
  const svg = nodes.length === 0 ? '' : sequenceSvg({ steps: trace, actions: w.actions, nodes });
  const messages = Array.isArray(vars['messages']) ? (vars['messages'] as unknown[]) : [];
  return { path: indices.join('.'), nodes: perNode, globals, messages, steps, choices, violated, svg };
}
