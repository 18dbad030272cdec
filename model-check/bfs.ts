// Breadth-first exhaustive exploration, TLC-style: dedup by fingerprint, TLC's constraint semantics,
// invariants on every state, action properties on every transition, shortest counterexamples.
import type { Model, Tagged } from '../src/core/index.ts';
import { FingerprintSet, Hasher } from './fingerprint.ts';
import { diff, type TraceStep } from './trace.ts';

/** Options of `explore`. */
export interface ExploreOptions {
  /** Report a state with no successor as a deadlock (default: the model's `checkDeadlock`, else true). */
  readonly deadlock?: boolean;
  /** Stop after this many distinct states, verdict `incomplete`. */
  readonly maxStates?: number;
  /** Stop after this many seconds, verdict `incomplete`. */
  readonly maxSeconds?: number;
  /** Called about every `progressIntervalMs` (default 2000) while exploring. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressIntervalMs?: number;
}

/** A progress report. */
export interface Progress {
  readonly distinct: number;
  readonly generated: number;
  readonly queue: number;
  readonly depth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly rssBytes: number;
}

/** A property that failed, with the shortest trace from an initial state that shows it. */
export interface Violation {
  readonly kind: 'invariant' | 'actionProperty' | 'deadlock';
  readonly name: string;
  /** States from the initial one to the bad one; its length is the trace length TLC prints. */
  readonly trace: readonly TraceStep[];
}

/** What an exploration found. `incomplete` never claims that the properties hold. */
export interface ExploreResult {
  readonly verdict: 'ok' | 'violation' | 'incomplete';
  /** Distinct states within the constraint (TLC's "distinct states found"). */
  readonly distinct: number;
  /** Initial states plus every successor computed, duplicates and out-of-constraint ones included. */
  readonly generated: number;
  /** Length of the longest shortest path, the initial state counting as 1 (TLC's "depth"). */
  readonly depth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly peakRssBytes: number;
  readonly fingerprintBytes: number;
  readonly violation: Violation | null;
  /** For each witness ("sometimes" property): whether some explored state satisfied it. */
  readonly witnesses: Readonly<Record<string, boolean>>;
  /** Why the run stopped early, when `verdict` is `incomplete`. */
  readonly incomplete: string | null;
}

const NO_PARENT = 0xffffffff;

/** Explores every state of `model` reachable within its constraint, breadth-first. */
export async function explore<S, A extends Tagged>(model: Model<S, A>, opts: ExploreOptions = {}): Promise<ExploreResult> {
  const t0 = performance.now();
  const checkDeadlock = opts.deadlock ?? model.checkDeadlock ?? true;
  const interval = opts.progressIntervalMs ?? 2000;
  const seen = new FingerprintSet();
  const hasher = new Hasher();
  let parent = new Uint32Array(1 << 16);
  let via = new Uint32Array(1 << 16);
  let distinct = 0;
  let generated = 0;
  let depth = 0;
  let peakRss = process.memoryUsage().rss;
  let lastReport = t0;
  const invariants = Object.entries(model.invariants);
  const actionProperties = Object.entries(model.actionProperties);
  const witnessNames = Object.keys(model.witnesses);
  const witnesses: Record<string, boolean> = Object.fromEntries(witnessNames.map((w) => [w, false]));
  let pendingWitnesses = witnessNames.length;

  const finish = (violation: Violation | null, incomplete: string | null): ExploreResult => {
    const seconds = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    return {
      verdict: violation !== null ? 'violation' : incomplete !== null ? 'incomplete' : 'ok',
      distinct, generated, depth, seconds,
      statesPerSecond: seconds > 0 ? distinct / seconds : distinct,
      peakRssBytes: peakRss,
      fingerprintBytes: seen.bytes,
      violation, witnesses, incomplete,
    };
  };

  // Records a new distinct state; returns its id.
  const record = (from: number, action: number): number => {
    if (distinct === parent.length) {
      const p = new Uint32Array(parent.length * 2);
      p.set(parent);
      parent = p;
      const v = new Uint32Array(via.length * 2);
      v.set(via);
      via = v;
    }
    parent[distinct] = from;
    via[distinct] = action;
    return distinct++;
  };

  // Rebuilds the path to state `id` by re-executing recorded action ordinals from its initial state.
  const path = (id: number): { states: S[]; actions: (A | null)[] } => {
    const ids: number[] = [];
    for (let k = id; k !== NO_PARENT; k = parent[k] as number) ids.push(k);
    ids.reverse();
    const first = ids[0] as number;
    let s = model.init()[via[first] as number] as S;
    const states = [s];
    const actions: (A | null)[] = [null];
    for (const k of ids.slice(1)) {
      const a = model.actions(s)[via[k] as number] as A;
      s = model.next(s, a) as S;
      states.push(s);
      actions.push(a);
    }
    return { states, actions };
  };

  const trace = (states: readonly S[], actions: readonly (A | null)[]): TraceStep[] =>
    states.map((s, k) => {
      const variables = model.variables(s);
      const a = actions[k] ?? null;
      const prev = k === 0 ? null : model.variables(states[k - 1] as S);
      return { action: a === null ? null : model.describe(a), variables, changes: prev === null ? [] : diff(prev, variables) };
    });

  const violationAt = (kind: Violation['kind'], name: string, id: number, extra?: { a: A; t: S }): Violation => {
    const p = path(id);
    if (extra !== undefined) {
      p.states.push(extra.t);
      p.actions.push(extra.a);
    }
    return { kind, name, trace: trace(p.states, p.actions) };
  };

  const brokenInvariant = (s: S): string | null => {
    for (const [name, inv] of invariants) if (!inv(s)) return name;
    return null;
  };

  const noteWitnesses = (s: S): void => {
    if (pendingWitnesses === 0) return;
    for (const w of witnessNames) {
      if (!witnesses[w] && (model.witnesses[w] as (s: S) => boolean)(s)) {
        witnesses[w] = true;
        pendingWitnesses--;
      }
    }
  };

  // Level 1: the initial states.
  let frontier: S[] = [];
  let frontierIds: number[] = [];
  const inits = model.init();
  for (let k = 0; k < inits.length; k++) {
    const s = inits[k] as S;
    generated++;
    const inModel = model.constraint === undefined || model.constraint(s);
    if (inModel) {
      hasher.hash(model.encode(s));
      if (!seen.add(hasher.hi, hasher.lo)) continue;
    }
    const id = inModel ? record(NO_PARENT, k) : -1;
    const bad = brokenInvariant(s);
    if (bad !== null) {
      const v = { kind: 'invariant' as const, name: bad, trace: trace([s], [null]) };
      return finish(v, null);
    }
    if (inModel) {
      noteWitnesses(s);
      frontier.push(s);
      frontierIds.push(id);
    }
  }
  if (frontier.length > 0) depth = 1;

  while (frontier.length > 0) {
    const next: S[] = [];
    const nextIds: number[] = [];
    for (let f = 0; f < frontier.length; f++) {
      const s = frontier[f] as S;
      const sid = frontierIds[f] as number;
      const acts = model.actions(s);
      let successors = 0;
      for (let k = 0; k < acts.length; k++) {
        const a = acts[k] as A;
        const t = model.next(s, a);
        if (t === null) continue;
        generated++;
        successors++;
        for (const [name, prop] of actionProperties) {
          if (!prop(s, t)) return finish(violationAt('actionProperty', name, sid, { a, t }), null);
        }
        const inModel = model.constraint === undefined || model.constraint(t);
        if (inModel) {
          hasher.hash(model.encode(t));
          if (!seen.add(hasher.hi, hasher.lo)) continue;
        }
        const bad = brokenInvariant(t);
        if (bad !== null) return finish(violationAt('invariant', bad, sid, { a, t }), null);
        if (!inModel) continue;
        next.push(t);
        nextIds.push(record(sid, k));
        noteWitnesses(t);
      }
      if (successors === 0 && checkDeadlock) return finish(violationAt('deadlock', 'Deadlock', sid), null);

      if ((f & 255) === 0) {
        const now = performance.now();
        const seconds = (now - t0) / 1000;
        if (opts.maxStates !== undefined && distinct >= opts.maxStates) {
          return finish(null, `stopped at --max-states ${opts.maxStates}`);
        }
        if (opts.maxSeconds !== undefined && seconds >= opts.maxSeconds) {
          return finish(null, `stopped at --max-seconds ${opts.maxSeconds}`);
        }
        if (opts.onProgress !== undefined && now - lastReport >= interval) {
          lastReport = now;
          const rss = process.memoryUsage().rss;
          peakRss = Math.max(peakRss, rss);
          opts.onProgress({
            distinct, generated, depth, seconds, rssBytes: rss,
            queue: frontier.length - f + next.length,
            statesPerSecond: distinct / seconds,
          });
        }
      }
    }
    frontier = next;
    frontierIds = nextIds;
    if (frontier.length > 0) depth++;
  }
  return finish(null, null);
}
