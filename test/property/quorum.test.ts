// Quorum arithmetic against brute-force definitions, for clusters of 1 to 9 members (odd and even).
// Reproduce a failure with SEED=<seed>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { committedIndex, isMajority, quorumsIntersect } from '../../src/core/index.ts';
import { majorities } from '../../src/paxos/index.ts';

const seed = process.env['SEED'] === undefined ? Date.now() % 2 ** 31 : Number(process.env['SEED']);
const params = { seed, numRuns: 300 };

/** A cluster of 1 to 9 distinct members. */
const members: fc.Arbitrary<string[]> = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'), { minLength: 1, maxLength: 9 });
/** A cluster with two of its subsets. */
const twoSubsets = members.chain((m) => fc.tuple(fc.constant(m), fc.subarray(m), fc.subarray(m)));

describe(`quorum properties (seed ${seed})`, () => {
  it('isMajority(q) is exactly 2 * |q| > |members|', () => {
    fc.assert(fc.property(twoSubsets, ([m, q]) => isMajority(m, q) === 2 * q.length > m.length), params);
  });

  it('any two majorities of the same members intersect', () => {
    fc.assert(
      fc.property(twoSubsets, ([m, q1, q2]) => !(isMajority(m, q1) && isMajority(m, q2)) || q1.some((x) => q2.includes(x))),
      params,
    );
  });

  it('a set and its complement are never both majorities, and with an odd count one of them is', () => {
    fc.assert(
      fc.property(twoSubsets, ([m, q]) => {
        const rest = m.filter((x) => !q.includes(x));
        const both = isMajority(m, q) && isMajority(m, rest);
        const either = isMajority(m, q) || isMajority(m, rest);
        return !both && (m.length % 2 === 0 || either);
      }),
      params,
    );
  });

  it('committedIndex is the largest N such that a majority has matchIndex >= N', () => {
    const clusterWithMatches = members.chain((m) => fc.tuple(fc.constant(m), fc.array(fc.nat(6), { minLength: m.length, maxLength: m.length })));
    fc.assert(
      fc.property(clusterWithMatches, ([m, xs]) => {
        const match = (x: string) => xs[m.indexOf(x)] as number;
        let largest = 0;
        for (let n = 0; n <= 6; n++) if (2 * m.filter((x) => match(x) >= n).length > m.length) largest = n;
        expect(committedIndex(m, match)).toBe(largest);
      }),
      params,
    );
  });

  it('majorities(acceptors) yields exactly every majority subset, once each, sorted, all intersecting', () => {
    fc.assert(
      fc.property(members, (m) => {
        const sorted = [...m].sort();
        const expected: string[] = [];
        for (let mask = 1; mask < 1 << m.length; mask++) {
          const q = sorted.filter((_, k) => (mask & (1 << k)) !== 0);
          if (2 * q.length > m.length) expected.push(q.join());
        }
        const got = majorities(m);
        expect(got.map((q) => q.join()).sort()).toEqual(expected.sort());
        for (const q of got) expect(q).toEqual([...q].sort());
        expect(quorumsIntersect(got)).toBe(true);
      }),
      params,
    );
  });
});
