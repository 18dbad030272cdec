// The search core shared by BFS, DFS, simulation and the worker threads: one transition as TLC's
// worker checks it (action properties on every transition, the constraint, dedup by fingerprint,
// invariants on every new or out-of-constraint state), and one state's successors.
import type { Model, Tagged } from '../src/core/index.ts';
import { Hasher } from './fingerprint.ts';
import { fingerprinter, type FingerprintOptions } from './speed/fingerprint.ts';

/**
 * What a transition `s -> t` came to: `New` (within the constraint, checked, to be expanded), `Seen`
 * (a stutter or a visited state), `Outside` (outside the constraint: checked, not expanded),
 * `Broken` (an action property or invariant broke: `Expander.brokenBy`).
 */
export const Outcome = { New: 0, Seen: 1, Outside: 2, Broken: 3 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** What went wrong while expanding a state: the state's id and the action ordinal that led off it. */
export interface Found {
  readonly kind: 'invariant' | 'actionProperty' | 'deadlock';
  readonly name: string;
  /** Id of the state being expanded. */
  readonly from: number;
  /** Ordinal (in `model.actions(from)`) of the bad step; -1 for a deadlock at `from` itself. */
  readonly action: number;
}

/** Where the expander puts what it finds. */
export interface Sink<S> {
  /** Adds a fingerprint to the visited set; true if new. */
  add(hi: number, lo: number): boolean;
  /** Records a new distinct state reached from `from` by action ordinal `action`; returns its id. */
  record(from: number, action: number): number;
  /** Queues a new distinct state for the next level. */
  push(t: S, id: number): void;
}

/** Expands states of one model; counts successors generated. */
export class Expander<S, A extends Tagged> {
  generated = 0;
  readonly witnesses: Record<string, boolean>;
  private pendingWitnesses: number;
  private readonly hasher = new Hasher();
  // Names and functions in separate arrays: indexed loops, no pair destructured per state.
  private readonly invariantNames: string[];
  private readonly invariants: ((s: S) => boolean)[];
  private readonly propertyNames: string[];
  private readonly properties: ((s: S, t: S) => boolean)[];
  private readonly witnessList: [string, (s: S) => boolean][];

  private readonly model: Model<S, A>;
  private readonly sink: Sink<S>;
  private readonly checkDeadlock: boolean;
  private readonly fp: (s: S, h: Hasher) => void;

  /** What broke, after `transition` returned `Outcome.Broken`. */
  brokenBy: { readonly kind: 'invariant' | 'actionProperty'; readonly name: string } = { kind: 'invariant', name: '' };

  constructor(model: Model<S, A>, sink: Sink<S>, checkDeadlock: boolean, fp: FingerprintOptions = { symmetry: false, speed: true }) {
    this.model = model;
    this.sink = sink;
    this.checkDeadlock = checkDeadlock;
    this.fp = fingerprinter(model, fp);
    this.invariantNames = Object.keys(model.invariants);
    this.invariants = Object.values(model.invariants);
    this.propertyNames = Object.keys(model.actionProperties);
    this.properties = Object.values(model.actionProperties);
    this.witnessList = Object.entries(model.witnesses);
    this.witnesses = Object.fromEntries(this.witnessList.map(([w]) => [w, false]));
    this.pendingWitnesses = this.witnessList.length;
  }

  /** The name of the first invariant `s` breaks, or null. */
  broken(s: S): string | null {
    const invs = this.invariants;
    for (let k = 0; k < invs.length; k++) if (!(invs[k] as (s: S) => boolean)(s)) return this.invariantNames[k] as string;
    return null;
  }

  /** The name of the first action property the step `s` -> `t` breaks, or null. */
  brokenProperty(s: S, t: S): string | null {
    const props = this.properties;
    for (let k = 0; k < props.length; k++) if (!(props[k] as (s: S, t: S) => boolean)(s, t)) return this.propertyNames[k] as string;
    return null;
  }

  /** Notes which witnesses `s` satisfies. */
  note(s: S): void {
    if (this.pendingWitnesses === 0) return;
    for (const [w, f] of this.witnessList) {
      if (!this.witnesses[w] && f(s)) {
        this.witnesses[w] = true;
        this.pendingWitnesses--;
      }
    }
  }

  /** Whether `s` is within the constraint and new; if so it is added to the visited set. */
  fresh(s: S): boolean {
    this.fp(s, this.hasher);
    return this.sink.add(this.hasher.hi, this.hasher.lo);
  }

  /**
   * TLC's initial step: every initial state counts as generated and is checked; those within the
   * constraint are deduplicated. Returns the ordinals of the states to explore, or the first
   * initial state that breaks an invariant.
   */
  initial(inits: readonly S[]): { readonly kept: readonly number[]; readonly broken: { readonly k: number; readonly name: string } | null } {
    const kept: number[] = [];
    for (let k = 0; k < inits.length; k++) {
      const s = inits[k] as S;
      this.generated++;
      const inModel = this.model.constraint === undefined || this.model.constraint(s);
      if (inModel && !this.fresh(s)) continue;
      const name = this.broken(s);
      if (name !== null) return { kept, broken: { k, name } };
      if (inModel) kept.push(k);
    }
    return { kept, broken: null };
  }

  /** Checks the transition `s -> t` and dedups `t`; notes `t`'s witnesses when it is new. */
  transition(s: S, t: S): Outcome {
    this.generated++;
    const prop = this.properties.length === 0 ? null : this.brokenProperty(s, t);
    if (prop !== null) return this.broke('actionProperty', prop);
    if (t === s) return Outcome.Seen; // a stutter: s is visited, within the constraint, and checked
    const inModel = this.model.constraint === undefined || this.model.constraint(t);
    if (inModel && !this.fresh(t)) return Outcome.Seen;
    const bad = this.broken(t);
    if (bad !== null) return this.broke('invariant', bad);
    if (!inModel) return Outcome.Outside;
    this.note(t);
    return Outcome.New;
  }

  private broke(kind: 'invariant' | 'actionProperty', name: string): Outcome {
    this.brokenBy = { kind, name };
    return Outcome.Broken;
  }

  /** Expands state `s` (id `sid`); returns what went wrong, or null. */
  expand(s: S, sid: number): Found | null {
    const model = this.model;
    const acts = model.actions(s);
    let successors = 0;
    for (let k = 0; k < acts.length; k++) {
      const t = model.next(s, acts[k] as A);
      if (t === null) continue;
      successors++;
      const o = this.transition(s, t);
      if (o === Outcome.New) this.sink.push(t, this.sink.record(sid, k));
      else if (o === Outcome.Broken) return { ...this.brokenBy, from: sid, action: k };
    }
    if (successors === 0 && this.checkDeadlock) return { kind: 'deadlock', name: 'Deadlock', from: sid, action: -1 };
    return null;
  }
}
