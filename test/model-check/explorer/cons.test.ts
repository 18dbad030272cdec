import { describe, expect, it } from 'vitest';
import { compose } from '../../../model-check/index.ts';
import { Conser, equalData } from '../../../model-check/speed/cons.ts';
import { values } from '../../../model-check/speed/hash.ts';
import { thawer } from '../../../model-check/speed/thaw.ts';
import { ObjectVerdicts, VerdictTable } from '../../../model-check/speed/verdicts.ts';
import { pingPong } from '../../helpers/pingpong.ts';

describe('hash-consing states that crossed a thread or the disk', () => {
  it('equalData compares plain data by value, whatever the key order', () => {
    expect(equalData({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(equalData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(equalData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(equalData([1], { 0: 1 })).toBe(false);
    expect(equalData(1, '1')).toBe(false);
  });

  it('a Conser gives one object per value, and never an unequal one on a hash collision', () => {
    const t = new Conser<{ v: number }>(16, () => [7, 7]);
    const a = { v: 1 };
    expect(t.get(a)).toBe(a);
    expect(t.get({ v: 1 })).toBe(a);
    const b = { v: 2 };
    expect(t.get(b)).toBe(b);
  });

  it('thawing two copies of a state gives equal values built from the same objects', () => {
    const m = compose(pingPong, { nodes: ['n1', 'n2'] }, { network: 'bag', drop: false, duplicate: false, restart: false });
    let g = m.init()[0]!;
    for (const name of ['SendPing(n1, n2)', 'Receive(Ping n1->n2)']) g = m.next(g, m.actions(g).find((a) => m.describe(a) === name)!)!;
    const thaw = thawer<typeof g>(true)!;
    const a = thaw(structuredClone(g));
    const b = thaw(structuredClone(g));
    expect(a).toEqual(g);
    expect(values.hash(a)).toEqual(values.hash(g));
    expect(b.nodes).toBe(a.nodes);
    expect(b.network[0]![1]).toBe(a.network[0]![1]);
    expect(thawer(false)).toBeUndefined();
  });
});

describe('ObjectVerdicts (verdicts per object of a part of the state)', () => {
  it('remembers each predicate per object, true and false, and nothing for another object', () => {
    const v = new ObjectVerdicts();
    let calls = 0;
    const even = (x: { n: number }) => (calls++, x.n % 2 === 0);
    const a = { n: 2 };
    const b = { n: 3 };
    expect([v.check(0, a, even), v.check(0, a, even), v.check(0, b, even), v.check(0, b, even)]).toEqual([true, true, false, false]);
    expect(calls).toBe(2);
    expect(v.check(5, a, () => false)).toBe(false);
    expect(v.check(0, { n: 2 }, even)).toBe(true);
    expect(calls).toBe(3);
  });

  it('takes a verdict from a position only for the very object asked there last', () => {
    const v = new ObjectVerdicts();
    let calls = 0;
    const even = (x: { n: number }) => (calls++, x.n % 2 === 0);
    const [a, b] = [{ n: 2 }, { n: 3 }];
    expect([v.check(0, a, even, 0), v.check(0, b, even, 1), v.check(0, b, even, 0), v.check(0, a, even, 1), v.check(0, a, even, 0)]).toEqual([true, false, false, true, true]);
    expect(calls).toBe(2);
  });
});

describe('VerdictTable (verdicts per tuple of object ids)', () => {
  it('keeps what it can as it grows and never answers for another tuple', () => {
    const t = new VerdictTable(2, 2, 8);
    const at = (a: number, b: number) => t.slot(new Float64Array([a, b]));
    for (let a = 1; a <= 300; a++) t.store(at(a, a + 1), 0, a % 3 === 0);
    let kept = 0;
    for (let a = 1; a <= 300; a++) {
      const v = t.lookup(at(a, a + 1), 0);
      if (v >= 0) kept++;
      expect(v === -1 || v === (a % 3 === 0 ? 1 : 0)).toBe(true);
    }
    expect(kept).toBeGreaterThan(4); // more than the 4 slots it started with
  });
});
