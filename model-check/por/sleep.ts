// One state's expansion under sleep sets (Godefroid's): transitions asleep at the state are not
// hashed or queued; every state is still reached (docs/checking.md, "Partial-order reduction").
import type { Independence, Model, Tagged } from '../../src/core/index.ts';
import { Outcome, type Expander, type Found } from '../expand.ts';

/** An action that may sleep in a successor: its stable key (or its ordinal here, keyed when needed) and its owner. */
interface Sleeper {
  readonly key: string | number;
  readonly owner: string;
}

/** The next BFS level's states by fingerprint, each with the intersection of the sleep sets it was reached with. */
export class Level {
  private readonly ids = new Map<string, number>();
  readonly sleep = new Map<number, readonly string[]>();

  add(fp: string, id: number, z: readonly string[]): void {
    this.ids.set(fp, id);
    if (z.length > 0) this.sleep.set(id, z);
  }

  /** A state of this level reached again: it sleeps only on what every way in lets it sleep on. */
  meet(fp: string, z: readonly string[]): void {
    const id = this.ids.get(fp);
    if (id === undefined) return; // found at an earlier level: reached already by a shorter path
    const old = this.sleep.get(id);
    if (old === undefined) return;
    const both = old.filter((k) => z.includes(k));
    if (both.length === 0) this.sleep.delete(id);
    else this.sleep.set(id, both);
  }
}

/** What one expansion needs besides the state. */
export interface SleepContext<S, A extends Tagged> {
  readonly model: Model<S, A>;
  readonly independence: Independence<A>;
  readonly x: Expander<S, A>;
  /** Whether asleep transitions are computed (for action properties and the constraint). */
  readonly compute: boolean;
  readonly deadlock: boolean;
  /** The fingerprint of the state the last `x.transition` hashed. */
  fp(): string;
  record(from: number, action: number): number;
  push(t: S, id: number): void;
  slept: number;
}

/**
 * Expands `s` (id `sid`) asleep on `z`: asleep transitions are only checked (action properties) when
 * computed; each other is taken, and its successor sleeps on the earlier ones and on `z` that are
 * independent of it and whose own successor here stays inside the constraint.
 */
export function expandAsleep<S, A extends Tagged>(c: SleepContext<S, A>, s: S, sid: number, z: readonly string[], next: Level): Found | null {
  const { model, independence: ind, x } = c;
  const acts = model.actions(s);
  // Keys are asked only where a sleep set is compared or built.
  const keys: (string | undefined)[] = new Array<string | undefined>(acts.length);
  const keyOf = (k: number): string => (keys[k] ??= ind.key(acts[k] as A));
  const carried: Sleeper[] = [];
  let successors = 0;
  for (let k = 0; k < acts.length && z.length > 0; k++) {
    if (!z.includes(keyOf(k))) continue;
    const a = acts[k] as A;
    c.slept++;
    successors++;
    if (!c.compute) {
      if (model.constraint === undefined) carried.push({ key: keyOf(k), owner: ind.owner(a) });
      continue;
    }
    const t = model.next(s, a);
    if (t === null) continue; // not enabled after all: it cannot sleep on
    const bad = x.brokenProperty(s, t);
    if (bad !== null) return { kind: 'actionProperty', name: bad, from: sid, action: k };
    if (t === s || model.constraint === undefined || model.constraint(t)) carried.push({ key: keyOf(k), owner: ind.owner(a) });
  }
  const before: Sleeper[] = carried;
  for (let k = 0; k < acts.length; k++) {
    if (z.length > 0 && z.includes(keyOf(k))) continue;
    const a = acts[k] as A;
    const t = model.next(s, a);
    if (t === null) continue;
    successors++;
    const o = x.transition(s, t);
    if (o === Outcome.Broken) return { ...x.brokenBy, from: sid, action: k };
    if (o === Outcome.Outside) continue;
    const owner = ind.owner(a);
    const asleep = before.filter((b) => b.owner !== owner).map((b) => (typeof b.key === 'string' ? b.key : keyOf(b.key)));
    if (o === Outcome.New) {
      const id = c.record(sid, k);
      next.add(c.fp(), id, asleep);
      c.push(t, id);
    } else if (t !== s) next.meet(c.fp(), asleep);
    before.push({ key: k, owner });
  }
  if (successors === 0 && c.deadlock) return { kind: 'deadlock', name: 'Deadlock', from: sid, action: -1 };
  return null;
}
