// Paxos.tla as a Model: Init, Next split into instances, the invariants, witnesses and SYMMETRY.
import type { Model } from '../core/index.ts';
import { init } from './init.ts';
import { invariants } from './invariants.ts';
import { message, symmetry } from './symmetry.ts';
import { actions as correct, candidates, next, type Actions } from './next.ts';
import type { Action, Constants, Message, PaxosState } from './types.ts';
import { witnesses } from './witnesses.ts';

export function paxosModel(c: Constants, t: Actions = correct): Model<PaxosState, Action> {
  const model: Model<PaxosState, Action> = {
    name: 'Paxos',
    init: () => [init(c)],
    actions: (s) => candidates(c, s),
    next: (s, x) => stutterAsSelf(c, s, next(t, s, x)),
    invariants: invariants(c),
    actionProperties: {},
    witnesses: witnesses(c),
    // msgs is shown as a record keyed by a short name of each message, so that a trace step lists
    // only the messages it sent (the trace differ compares records key by key, arrays as a whole).
    variables: (s) => ({
      maxBal: s.maxBal,
      maxVBal: s.maxVBal,
      maxVal: s.maxVal,
      msgs: Object.fromEntries(s.msgs.map((m) => [label(m), m])),
    }),
    describe,
    // The TLA+ types of Paxos.tla's variables; null is its model value None.
    shape: { variables: { maxBal: { record: 'plain' }, maxVBal: { record: 'plain' }, maxVal: { record: 'name' }, msgs: { set: message } }, message, nil: 'None' },
    // Phase1a(b) is always enabled (re-sending a 1a message is a stutter step), so no state is a
    // deadlock, in TLC's sense as in ours: keep the check on.
    checkDeadlock: true,
  };
  const sym = symmetry(c);
  return sym === null ? model : { ...model, symmetry: sym };
}

/**
 * `s` itself when the step left every variable unchanged (a step that re-sends a message already in
 * `msgs`: Phase1a, Phase2b), so that the explorer skips such a successor without hashing it. `send` returns the very array it was given when the message was
 * already sent; a step that builds an equal array anew is merely not recognised.
 */
function stutterAsSelf(c: Constants, s: PaxosState, t: PaxosState | null): PaxosState | null {
  if (t === null || t.msgs !== s.msgs) return t;
  if (t.maxBal === s.maxBal && t.maxVBal === s.maxVBal && t.maxVal === s.maxVal) return s;
  for (const a of c.acceptors) {
    if (t.maxBal[a] !== s.maxBal[a] || t.maxVBal[a] !== s.maxVBal[a] || t.maxVal[a] !== s.maxVal[a]) return t;
  }
  return s;
}

/** A message as a TLA+-like term: `1b(a1, 1, -1, None)` for acc, bal, mbal, mval. */
export function label(m: Message): string {
  switch (m.type) {
    case '1a':
      return `1a(${m.bal})`;
    case '1b':
      return `1b(${m.acc}, ${m.bal}, ${m.mbal}, ${m.mval ?? 'None'})`;
    case '2a':
      return `2a(${m.bal}, ${m.val})`;
    case '2b':
      return `2b(${m.acc}, ${m.bal}, ${m.val})`;
  }
}

export function describe(x: Action): string {
  switch (x.type) {
    case 'Phase1a':
      return `Phase1a(${x.b})`;
    case 'Phase2a':
      return `Phase2a(${x.b}, ${x.v})`;
    case 'Phase1b':
    case 'Phase2b':
      return `${x.type}(${x.a})`;
  }
}
