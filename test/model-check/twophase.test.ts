// The toy protocol, written with no speed code: the speed layer gives it the same counts as the
// explorer without it (the speed-up itself is measured by `npm run bench`, rows twophase-5*).
import { describe, expect, it } from 'vitest';
import { compose, explore, exploreDepthFirst, simulate } from '../../model-check/index.ts';
import { twoPhase } from '../../src/twophase/index.ts';

const net = { network: 'set', drop: false, duplicate: false, restart: false } as const;
const model = (rms: number, speed: boolean) => compose(twoPhase, { rms: Array.from({ length: rms }, (_, k) => `rm${k + 1}`) }, net, { speed });

describe('two-phase commit (a NodeProtocol with no speed code)', () => {
  it('counts the same with the speed layer on and off, and keeps TCConsistent', async () => {
    const on = await explore(model(4, true));
    const off = await explore(model(4, false), { speed: false });
    expect(on.verdict).toBe('ok');
    expect({ distinct: on.distinct, generated: on.generated, depth: on.depth }).toEqual({ distinct: off.distinct, generated: off.generated, depth: off.depth });
    expect({ distinct: on.distinct, generated: on.generated, depth: on.depth }).toEqual({ distinct: 1568, generated: 8258, depth: 14 });
    expect(on.witnesses).toEqual({ Committed: true });
  });

  it('depth-first and random walks agree on and off', async () => {
    const a = await exploreDepthFirst(model(3, true), { maxDepth: 30 });
    const b = await exploreDepthFirst(model(3, false), { maxDepth: 30, speed: false });
    expect([a.distinct, a.generated]).toEqual([b.distinct, b.generated]);
    const w = (speed: boolean) => simulate(model(3, speed), { walks: 50, depth: 20, seed: 7, speed });
    expect(w(true).distinct).toBe(w(false).distinct);
  });

  it('with symmetry, one state per class of resource-manager renamings', async () => {
    const plain = await explore(model(3, true));
    const sym = await explore(model(3, true), { symmetry: true });
    expect(sym.distinct).toBeLessThan(plain.distinct);
    expect(sym.depth).toBe(plain.depth);
    expect(model(3, true).symmetry?.permutations).toHaveLength(6);
  });

  it('an action property over the node states is asked only of steps that change one ([A]_nodes), on and off', async () => {
    for (const speed of [true, false]) {
      let asked = 0;
      let all = 0;
      const nodesActionProperties = { NodesChange: (v: { nodes: object }, w: { nodes: object }) => (asked++, v.nodes !== w.nodes) };
      const actionProperties = { Counted: () => (all++, true) };
      // Dropping a message changes the network only.
      const lossy = { network: 'bag', drop: true, duplicate: false, restart: false } as const;
      const r = await explore(compose({ ...twoPhase, actionProperties, nodesActionProperties }, { rms: ['rm1', 'rm2'] }, lossy, { speed }), { speed, deadlock: false });
      expect(r.verdict).toBe('ok');
      expect(asked).toBeGreaterThan(0);
      expect(asked).toBeLessThan(all);
      expect(all).toBe(r.generated - 1);
    }
  });

  it('a broken variant is caught: a manager that commits without every prepare', async () => {
    const broken = { ...twoPhase, step: (i: string, s: Parameters<typeof twoPhase.step>[1], x: Parameters<typeof twoPhase.step>[2], c: Parameters<typeof twoPhase.step>[3]) =>
      x.type === 'TMCommit' && s.type === 'TM' && s.tmState === 'init' ? { state: { ...s, tmState: 'committed' as const }, send: c.rms.map((r) => ({ type: 'Commit' as const, source: 'tm', dest: r })) } : twoPhase.step(i, s, x, c) };
    const r = await explore(compose(broken, { rms: ['rm1', 'rm2'] }, net));
    expect(r.violation?.name).toBe('TCConsistent');
  });
});
