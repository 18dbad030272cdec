// Random walks through Paxos: each walk is a list of indices into the enabled actions, so fast-check
// shrinks a failure to a minimal walk. Reproduce with FC_SEED=<seed printed on failure>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, type Model, type Tagged } from '../../src/core/index.ts';
import { values } from '../../model-check/speed/hash.ts';
import { actions, majorities, paxosModel, variants, type PaxosState } from '../../src/paxos/index.ts';

const acceptors = ['a1', 'a2', 'a3'];
const constants = { acceptors, values: ['v1', 'v2'], maxBallot: 2, quorums: majorities(acceptors) };
const model = paxosModel(constants);
const seed = Number(process.env['FC_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

function enabled<S>(m: Model<S, Tagged>, s: S): S[] {
  return m.actions(s).flatMap((a) => {
    const t = m.next(s, a);
    return t === null ? [] : [t];
  });
}

describe('Paxos random walks', () => {
  it(`keep every invariant, never lower maxBal, and keep maxVBal <= maxBal (FC_SEED to reproduce)`, () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (walk) => {
        let s = model.init()[0] as PaxosState;
        for (const k of walk) {
          const ts = enabled(model, s);
          expect(ts.length).toBeGreaterThan(0); // Phase1a is always enabled: no deadlock
          const t = ts[k % ts.length] as PaxosState;
          for (const [name, inv] of Object.entries(model.invariants)) expect([name, inv(t)]).toEqual([name, true]);
          for (const a of acceptors) {
            expect(t.maxBal[a]).toBeGreaterThanOrEqual(s.maxBal[a] as number);
            expect(t.maxVBal[a]).toBeLessThanOrEqual(t.maxBal[a] as number);
          }
          expect(t.msgs.length).toBeGreaterThanOrEqual(s.msgs.length); // msgs never shrinks
          s = t;
        }
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe("the speed layer's structural hash", () => {
  it('is equal exactly for states with equal canonical texts', () => {
    const words = (s: PaxosState): string => values.hash(structuredClone(s)).join(',');
    const byEncoding = new Map<string, string>();
    const byWords = new Map<string, string>();
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (walk) => {
        let s = model.init()[0] as PaxosState;
        for (const k of walk) {
          const ts = enabled(model, s);
          s = ts[k % ts.length] as PaxosState;
          const e = canonical(s);
          const w = words(s);
          expect(byEncoding.get(e) ?? w).toBe(w);
          expect(byWords.get(w) ?? e).toBe(e);
          byEncoding.set(e, w);
          byWords.set(w, e);
        }
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('the same walks against a broken variant', () => {
  it('find the violation (the property has teeth)', () => {
    const broken = paxosModel(constants, { ...actions, ...variants['two-proposals-per-ballot']?.replaces });
    const r = fc.check(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (walk) => {
        let s = broken.init()[0] as PaxosState;
        for (const k of walk) {
          const ts = enabled(broken, s);
          s = ts[k % ts.length] as PaxosState;
          if (!Object.values(broken.invariants).every((inv) => inv(s))) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 1000 },
    );
    expect(r.failed).toBe(true);
  });
});
