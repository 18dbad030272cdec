// Next — Paxos.tla: the disjunction of the four actions, each instance named by its parameters and
// its existential witnesses, dispatched through a table that a broken variant may patch.
import { phase1a } from './actions/phase1a.ts';
import { phase1b } from './actions/phase1b.ts';
import { phase2a } from './actions/phase2a.ts';
import { phase2b } from './actions/phase2b.ts';
import type { Action, Constants, Msg1a, Msg1b, Msg2a, PaxosState } from './types.ts';

/** The action functions; a variant replaces one of them. */
export interface Actions {
  readonly phase1a: typeof phase1a;
  readonly phase1b: typeof phase1b;
  readonly phase2a: typeof phase2a;
  readonly phase2b: typeof phase2b;
}

export const actions: Actions = { phase1a, phase1b, phase2a, phase2b };

// A switch, not ts-pattern's match: this runs once per candidate in the explorer (docs/paxos.md);
// the compiler still checks that every case is handled (noImplicitReturns).
/** The successor of s by one action instance, or null when its guard is false. */
export function next(t: Actions, s: PaxosState, x: Action): PaxosState | null {
  switch (x.type) {
    case 'Phase1a':
      return t.phase1a(s, x.b);
    case 'Phase1b':
      return t.phase1b(s, x.a, x.m);
    case 'Phase2a':
      return t.phase2a(s, x.b, x.v, x.Q, x.m);
    case 'Phase2b':
      return t.phase2b(s, x.a, x.m);
  }
}

/**
 * Candidate instances in the order of Next's disjuncts: for each ballot b, Phase1a(b) then
 * Phase2a(b, v) for each v (per quorum Q, per 1b message m as the witness, or none); then for each
 * acceptor a, Phase1b(a) and Phase2b(a) per message m of the type the action takes. No part of a
 * guard is applied here: disabled candidates are filtered by `next` returning null.
 */
export function candidates(c: Constants, s: PaxosState): Action[] {
  const out: Action[] = [];
  const oneA: Msg1a[] = [];
  const oneB: Msg1b[] = [];
  const twoA: Msg2a[] = [];
  for (const m of s.msgs) {
    if (m.type === '1a') oneA.push(m);
    else if (m.type === '1b') oneB.push(m);
    else if (m.type === '2a') twoA.push(m);
  }
  for (let b = 0; b <= c.maxBallot; b++) {
    out.push({ type: 'Phase1a', b });
    for (const v of c.values) {
      for (const Q of c.quorums) {
        out.push({ type: 'Phase2a', b, v, Q, m: null });
        for (const m of oneB) out.push({ type: 'Phase2a', b, v, Q, m });
      }
    }
  }
  for (const a of c.acceptors) {
    for (const m of oneA) out.push({ type: 'Phase1b', a, m });
    for (const m of twoA) out.push({ type: 'Phase2b', a, m });
  }
  return out;
}
