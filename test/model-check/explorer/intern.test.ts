import { describe, expect, it } from 'vitest';
import { compose } from '../../../model-check/index.ts';
import { equalData, Interner } from '../../../model-check/intern.ts';
import { pingPong } from '../../helpers/pingpong.ts';

describe('interning states that crossed a thread or the disk', () => {
  it('equalData compares plain data by value, whatever the key order', () => {
    expect(equalData({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(equalData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(equalData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(equalData([1], { 0: 1 })).toBe(false);
    expect(equalData(1, '1')).toBe(false);
  });

  it('an Interner gives one object per value, and never an unequal one on a hash collision', () => {
    const t = new Interner<{ v: number }>(() => [7, 7]);
    const a = { v: 1 };
    expect(t.get(a)).toBe(a);
    expect(t.get({ v: 1 })).toBe(a);
    const b = { v: 2 };
    expect(t.get(b)).toBe(b);
  });

  it("compose's intern maps a copy of a state onto the node and message objects of the original", () => {
    const m = compose(pingPong, { nodes: ['n1', 'n2'] }, { network: 'bag', drop: false, duplicate: false, restart: false });
    let g = m.init()[0]!;
    for (const name of ['SendPing(n1, n2)', 'Receive(Ping n1->n2)']) g = m.next(g, m.actions(g).find((a) => m.describe(a) === name)!)!;
    const copy = structuredClone(g);
    const back = m.intern!(copy);
    expect(m.encode(back)).toBe(m.encode(g));
    expect(back.nodes['n1']).toBe(g.nodes['n1']);
    expect(back.nodes['n2']).toBe(g.nodes['n2']);
    expect(back.network[0]![1]).toBe(g.network[0]![1]);
    expect(copy.nodes['n1']).not.toBe(g.nodes['n1']);
  });
});
