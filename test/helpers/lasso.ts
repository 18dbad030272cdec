// Replays a lasso on the model without its view: the behaviour is real when, at each state, an action
// of the printed family is enabled whose successor's view is the next printed state; going round the cycle again grows
// the counters the view hid (terms, rounds).
import { canonical, type Model, type Tagged } from '../../src/core/index.ts';
import type { Lasso } from '../../model-check/liveness/index.ts';

/** Takes an enabled action of the family printed in `name` (the print shows viewed counters) whose successor's view is `want`. */
function fire<S, A extends Tagged>(m: Model<S, A>, s: S, name: string, want: string): S {
  const view = m.normalize ?? ((x: S) => x);
  const family = name.slice(0, name.indexOf('(') < 0 ? name.length : name.indexOf('('));
  for (const a of m.actions(s)) {
    if (!m.describe(a).startsWith(`${family}(`) && m.describe(a) !== family) continue;
    const t = m.next(s, a);
    if (t !== null && t !== s && canonical(m.variables(view(t))) === want) return t;
  }
  throw new Error(`not enabled: ${name}`);
}

/**
 * Replays the prefix, then the cycle `laps` times, on the real (unviewed) states; checks each view
 * against the printed states; returns the real states at the start of each lap.
 */
export function replayLasso<S, A extends Tagged>(m: Model<S, A>, l: Lasso, laps: number): S[] {
  const printed = (k: number) => canonical(l.trace[k]?.variables);
  let s = m.init()[0] as S;
  const names = l.trace.map((t) => t.action);
  for (let k = 1; k < l.backTo; k++) {
    s = fire(m, s, names[k] as string, printed(k));
  }
  const cycle = [...names.slice(l.backTo), ...(l.back === null ? [] : [l.back])] as string[];
  const starts: S[] = [s];
  for (let lap = 0; lap < laps; lap++) {
    cycle.forEach((name, k) => {
      s = fire(m, s, name, printed(k + 1 === cycle.length ? l.backTo - 1 : l.backTo + k));
    });
    starts.push(s);
  }
  return starts;
}
