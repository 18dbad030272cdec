// Quorum arithmetic (src/core/quorum.ts) and Paxos's quorum builder, on odd and even cluster sizes:
// a majority is strictly more than half (Raft §5.2, Paxos.tla's majority Quorum), so half of an even
// cluster is not one.
import { describe, expect, it } from 'vitest';
import { committedIndex, isJointMajority, isMajority, quorumsIntersect } from '../../src/core/index.ts';
import { majorities } from '../../src/paxos/index.ts';

const cluster = (n: number) => Array.from({ length: n }, (_, k) => `s${k + 1}`);

describe('isMajority', () => {
  it.each([
    // n, the smallest majority
    [1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [6, 4], [7, 4],
  ])('of %i servers, %i is the smallest majority', (n, smallest) => {
    const members = cluster(n);
    expect(isMajority(members, members.slice(0, smallest))).toBe(true);
    expect(isMajority(members, members.slice(0, smallest - 1))).toBe(false);
  });

  it('half of an even cluster is not a majority: 2 of 4, 3 of 6', () => {
    expect(isMajority(cluster(4), ['s1', 's2'])).toBe(false);
    expect(isMajority(cluster(4), ['s3', 's4'])).toBe(false);
    expect(isMajority(cluster(6), ['s1', 's2', 's3'])).toBe(false);
  });

  it('counts only members: 2 of 3 plus an outsider is a majority, 1 of 3 plus two outsiders is not', () => {
    expect(isMajority(cluster(3), ['s1', 's3', 'x'])).toBe(true);
    expect(isMajority(cluster(3), ['s2', 'x', 'y'])).toBe(false);
  });

  it('no set is a majority of no members', () => {
    expect(isMajority([], [])).toBe(false);
  });
});

describe('isJointMajority (Raft §6)', () => {
  it('needs a majority of the old and of the new configuration', () => {
    const oldC = ['s1', 's2', 's3'];
    const newC = ['s3', 's4', 's5', 's6'];
    expect(isJointMajority(oldC, newC, ['s1', 's2', 's4', 's5'])).toBe(false); // 2 of 4 new
    expect(isJointMajority(oldC, newC, ['s1', 's3', 's4', 's5'])).toBe(true); // 2 of 3 old, 3 of 4 new
    expect(isJointMajority(oldC, newC, ['s3', 's4', 's5', 's6'])).toBe(false); // 1 of 3 old
  });
});

describe('committedIndex (Raft §5.3, §5.4: an index stored on a majority)', () => {
  const at = (xs: readonly number[]) => (m: string) => xs[Number(m.slice(1)) - 1] ?? -1;
  it.each([
    // match indexes of s1..sn, the largest index that a majority holds
    [[7], 7],
    [[5, 1], 1],
    [[5, 3, 1], 3],
    [[1, 5, 3], 3],
    [[5, 4, 3, 1], 3],
    [[5, 5, 1, 1], 1],
    [[9, 8, 7, 2, 1], 7],
    [[6, 6, 5, 4, 2, 2], 4],
    [[3, 3, 3, 3], 3],
  ])('of match indexes %j is %i', (xs, expected) => {
    expect(committedIndex(cluster(xs.length), at(xs))).toBe(expected);
  });

  it('is 0 for no members', () => {
    expect(committedIndex([], () => 5)).toBe(0);
  });
});

describe('quorumsIntersect', () => {
  it('holds for the majorities of 3, fails for two disjoint halves of 4', () => {
    expect(quorumsIntersect([['a1', 'a2'], ['a2', 'a3'], ['a1', 'a3']])).toBe(true);
    expect(quorumsIntersect([['a1', 'a2'], ['a3', 'a4']])).toBe(false);
  });
});

describe('majorities (Paxos: Quorum == {Q \\in SUBSET Acceptor : 2 * Cardinality(Q) > N})', () => {
  it.each([
    // N, how many majorities (the sum of C(N, k) over k > N/2), the smallest size
    [1, 1, 1], [2, 1, 2], [3, 4, 2], [4, 5, 3], [5, 16, 3], [6, 22, 4],
  ])('of %i acceptors: %i quorum(s), the smallest of size %i', (n, count, smallest) => {
    const qs = majorities(cluster(n));
    expect(qs).toHaveLength(count);
    expect(Math.min(...qs.map((q) => q.length))).toBe(smallest);
  });

  it('of 4 acceptors: every set of 3 and the whole set, each sorted', () => {
    expect(majorities(['a4', 'a2', 'a3', 'a1'])).toEqual([
      ['a1', 'a2', 'a3'], ['a1', 'a2', 'a4'], ['a1', 'a3', 'a4'], ['a2', 'a3', 'a4'], ['a1', 'a2', 'a3', 'a4'],
    ]);
  });
});
