// Action coverage, as TLC's -coverage reports it: for each action kind, how often it was offered and
// how often it was enabled (a successor computed), so that an action the bounds never let happen shows.
import type { Model, Tagged } from '../src/core/index.ts';
import { actionKind } from './kinds.ts';

/** Counts per action kind. */
export interface Coverage {
  /** Kind -> successors computed (the action was enabled). */
  readonly taken: Map<string, number>;
  /** Kind -> times the action was offered (enabled or not). */
  readonly offered: Map<string, number>;
}

export function emptyCoverage(): Coverage {
  return { taken: new Map(), offered: new Map() };
}

/** The model with its actions and steps counted into `c` (one thread: the search must not use workers). */
export function withCoverage<S, A extends Tagged>(model: Model<S, A>, c: Coverage): Model<S, A> {
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  return {
    ...model,
    actions: (s) => {
      const acts = model.actions(s);
      for (const a of acts) bump(c.offered, actionKind(a));
      return acts;
    },
    next: (s, a) => {
      const t = model.next(s, a);
      if (t !== null) bump(c.taken, actionKind(a));
      return t;
    },
  };
}

/** The kinds never taken, then each kind with its count, most taken first. */
export function coverageLines(c: Coverage): string[] {
  const never = [...c.offered.keys()].filter((k) => !c.taken.has(k)).sort();
  const lines = [never.length === 0 ? 'Coverage: every action offered was taken' : `Coverage: actions never taken: ${never.join(', ')}`];
  for (const [k, n] of [...c.taken].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`  ${k}: ${n.toLocaleString('en-US')} times, offered ${(c.offered.get(k) ?? 0).toLocaleString('en-US')}`);
  return lines;
}

/** The counts as plain data for a JSON summary. */
export function coverageJson(c: Coverage): Record<string, { taken: number; offered: number }> {
  return Object.fromEntries([...c.offered.keys()].sort().map((k) => [k, { taken: c.taken.get(k) ?? 0, offered: c.offered.get(k) ?? 0 }]));
}
