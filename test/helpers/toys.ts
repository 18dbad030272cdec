// Toy models for testing the explorer without any protocol (stateright's test_util.rs discipline).
import type { Model } from '../../src/core/index.ts';

type Jugs = { readonly small: number; readonly big: number };
type JugAction = { readonly type: 'FillSmall' | 'FillBig' | 'EmptySmall' | 'EmptyBig' | 'SmallToBig' | 'BigToSmall' };

/** DieHard.tla: a 3-gallon and a 5-gallon jug; the invariant `big /= 4` fails after 6 steps. */
export function dieHard(): Model<Jugs, JugAction> {
  const types = ['FillSmall', 'FillBig', 'EmptySmall', 'EmptyBig', 'SmallToBig', 'BigToSmall'] as const;
  return {
    name: 'DieHard',
    init: () => [{ small: 0, big: 0 }],
    actions: () => types.map((type) => ({ type })),
    next: (s, a) => {
      switch (a.type) {
        case 'FillSmall': return { small: 3, big: s.big };
        case 'FillBig': return { small: s.small, big: 5 };
        case 'EmptySmall': return { small: 0, big: s.big };
        case 'EmptyBig': return { small: s.small, big: 0 };
        case 'SmallToBig': {
          const x = Math.min(s.small, 5 - s.big);
          return { small: s.small - x, big: s.big + x };
        }
        case 'BigToSmall': {
          const x = Math.min(s.big, 3 - s.small);
          return { small: s.small + x, big: s.big - x };
        }
      }
    },
    invariants: { TypeOK: (s) => s.small >= 0 && s.small <= 3 && s.big >= 0 && s.big <= 5, NotSolved: (s) => s.big !== 4 },
    actionProperties: {},
    witnesses: { SmallFull: (s) => s.small === 3 },
    variables: (s) => ({ big: s.big, small: s.small }),
    describe: (a) => a.type,
  };
}

type Counter = { readonly x: number };
type Inc = { readonly type: 'Inc' | 'Reset' };

/**
 * A counter that goes up by one from 0 and may be reset; `limit` is a TLC-style constraint
 * (`x <= limit`), `stop` makes it deadlock at that value.
 */
export function counter(opts: { limit?: number; stopAt?: number; bad?: number; decreaseProperty?: boolean } = {}): Model<Counter, Inc> {
  const m: Model<Counter, Inc> = {
    name: 'Counter',
    init: () => [{ x: 0 }],
    actions: () => [{ type: 'Inc' }, { type: 'Reset' }],
    next: (s, a) => {
      if (opts.stopAt !== undefined && s.x >= opts.stopAt) return null;
      return a.type === 'Inc' ? { x: s.x + 1 } : opts.decreaseProperty ? { x: 0 } : null;
    },
    invariants: opts.bad === undefined ? {} : { NotBad: (s) => s.x !== opts.bad },
    actionProperties: opts.decreaseProperty ? { NeverDecreases: (s, t) => t.x >= s.x } : {},
    witnesses: {},
    variables: (s) => ({ x: s.x }),
    describe: (a) => a.type,
  };
  if (opts.limit !== undefined) {
    const limit = opts.limit;
    m.constraint = (s) => s.x <= limit;
  }
  return m;
}

type Point = { readonly x: number; readonly y: number };
type Move = { readonly type: 'Right' | 'Up' };

/** An n x n grid walked right and up from (0, 0): n*n states, 2n - 1 levels, wide in the middle. */
export function grid(n: number): Model<Point, Move> {
  return {
    name: 'Grid',
    init: () => [{ x: 0, y: 0 }],
    actions: () => [{ type: 'Right' }, { type: 'Up' }],
    next: (s, a) => (a.type === 'Right' ? (s.x + 1 < n ? { x: s.x + 1, y: s.y } : null) : s.y + 1 < n ? { x: s.x, y: s.y + 1 } : null),
    invariants: {},
    actionProperties: {},
    witnesses: { Corner: (s) => s.x === n - 1 && s.y === n - 1 },
    variables: (s) => ({ x: s.x, y: s.y }),
    describe: (a) => a.type,
    checkDeadlock: false,
  };
}

/**
 * `n` initial states, each with one successor; computing it is slow for even `k`. Shared out
 * round-robin, one worker gets all the slow ones: the other must take part of its level.
 */
export function uneven(n: number): Model<{ readonly k: number; readonly d: number }, { readonly type: 'Step' }> {
  const slow = (k: number): number => {
    let x = k;
    for (let i = 0; i < 40_000; i++) x = (x * 1103515245 + 12345) | 0;
    return x;
  };
  return {
    name: 'Uneven',
    init: () => Array.from({ length: n }, (_, k) => ({ k, d: 0 })),
    actions: () => [{ type: 'Step' }],
    next: (s) => (s.d > 0 ? null : { k: s.k, d: s.k % 2 === 0 && slow(s.k) === 0.5 ? 2 : 1 }),
    invariants: {},
    actionProperties: {},
    witnesses: {},
    variables: (s) => ({ k: s.k, d: s.d }),
    describe: () => 'Step',
    checkDeadlock: false,
  };
}

/**
 * A counter up to 3 with a `Stay` step that returns the state object itself (a stutter, which the
 * explorer skips without hashing); `moves` adds the action property `t.x > s.x`, which a stutter breaks.
 */
export function stutterer(moves = false): Model<Counter, { readonly type: 'Inc' | 'Stay' }> {
  return {
    name: 'Stutterer',
    init: () => [{ x: 0 }],
    actions: () => [{ type: 'Inc' }, { type: 'Stay' }],
    next: (s, a) => (a.type === 'Stay' ? s : s.x < 3 ? { x: s.x + 1 } : null),
    invariants: { Small: (s) => s.x <= 3 },
    actionProperties: moves ? { Moves: (s, t) => t.x > s.x } : {},
    witnesses: {},
    variables: (s) => ({ x: s.x }),
    describe: (a) => a.type,
  };
}
