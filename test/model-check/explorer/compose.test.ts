import { describe, expect, it } from 'vitest';
import { compose, explore, Hasher } from '../../../model-check/index.ts';
import { fingerprinter } from '../../../model-check/speed/fingerprint.ts';
import { bagAdd, type Global, type NodesView } from '../../../src/core/index.ts';
import { pingPong, type PingMessage, type PingState } from '../../helpers/pingpong.ts';

const c = { nodes: ['n1', 'n2'] };

describe('compose (node protocol -> model)', () => {
  it('delivery consumes a copy from a bag', async () => {
    const m = compose(pingPong, c, { network: 'bag', drop: false, duplicate: false, restart: false });
    const r = await explore(m, { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect(r.distinct).toBe(16);
    expect(r.witnesses).toEqual({ SomePong: true });
  });

  it('a step that changes no node and no message is the global state itself; one that does is not', () => {
    const m = compose(pingPong, c, { network: 'bag', drop: false, duplicate: false, restart: true });
    const g = m.init()[0] as Global<PingState, PingMessage>;
    expect(m.next(g, { type: 'Restart', i: 'n1' })).toBe(g); // nothing volatile to lose yet
    const acts = m.actions(g);
    const ping = acts.find((a) => a.type === 'Internal');
    const h = ping === undefined ? null : m.next(g, ping);
    expect(h).not.toBe(g);
    expect(h?.network).toHaveLength(1);
  });

  it('a set network never shrinks, so a pong can be received twice', async () => {
    const m = compose(pingPong, c, { network: 'set', drop: false, duplicate: false, restart: false });
    const r = await explore(m, { deadlock: false });
    expect(r.violation?.name).toBe('AtMostOnePongEach');
    expect(r.violation?.trace.map((s) => s.action)).toEqual([
      null, 'SendPing(n1, n2)', 'Receive(Ping n1->n2)', 'Receive(Pong n2->n1)', 'Receive(Pong n2->n1)',
    ]);
  });

  it('duplication lets the same pong arrive twice', async () => {
    const m = compose(pingPong, c, { network: 'bag', drop: false, duplicate: true, restart: false });
    const r = await explore(m, { deadlock: false });
    expect(r.violation?.name).toBe('AtMostOnePongEach');
    expect(r.violation?.trace.map((s) => s.action)).toEqual([
      null, 'SendPing(n1, n2)', 'Receive(Ping n1->n2)', 'DuplicateMessage(Pong n2->n1)', 'Receive(Pong n2->n1)',
      'Receive(Pong n2->n1)',
    ]);
  });

  it('bounds duplications with a counter in the state only when asked (TLC constraint semantics)', async () => {
    const none = compose(pingPong, c, { network: 'bag', drop: false, duplicate: true, restart: false, maxDuplicates: 0 });
    const r0 = await explore(none, { deadlock: false });
    expect([r0.verdict, r0.distinct]).toEqual(['ok', 16]);
    expect(r0.generated).toBeGreaterThan(16 + 12);
    const one = compose(pingPong, c, { network: 'bag', drop: false, duplicate: true, restart: false, maxDuplicates: 1 });
    const r1 = await explore(one, { deadlock: false });
    expect(r1.violation?.name).toBe('AtMostOnePongEach');
    expect(r1.violation?.trace.at(-1)?.variables['duplicates']).toBe(1);
  });

  it('drop removes one copy; restart keeps only the durable part', () => {
    const m = compose(pingPong, c, { network: 'bag', drop: true, duplicate: false, restart: true });
    const [g0] = m.init();
    const g1 = m.next(g0!, { type: 'Internal', i: 'n1', a: { type: 'SendPing', j: 'n2' } })!;
    expect(g1.network.map((e) => e[2])).toEqual([1]);
    const drop = m.actions(g1).find((a) => a.type === 'DropMessage')!;
    expect(m.next(g1, drop)?.network).toEqual([]);
    const g2 = { ...g1, nodes: { ...g1.nodes, n1: { sent: 1, pongs: 1 } } };
    expect(m.next(g2, { type: 'Restart', i: 'n1' })?.nodes['n1']).toEqual({ sent: 1, pongs: 0 });
  });

  it('a step with keep leaves the message in the network', () => {
    const m = compose(pingPong, c, { network: 'bag', drop: false, duplicate: false, restart: false });
    const [g0] = m.init();
    const bump = { type: 'Bump' as const, source: 'n1', dest: 'n2' };
    const g = { ...g0!, network: [[JSON.stringify(bump), bump, 1] as const] };
    const recv = m.actions(g).find((a) => a.type === 'Receive')!;
    const h = m.next(g, recv)!;
    expect(h.nodes['n2']).toEqual({ sent: 0, pongs: 1 });
    expect(h.network).toHaveLength(1);
    expect(m.next(h, recv)).toBeNull();
  });

  it('with symmetry, stores one state per class of states equal up to renaming the nodes', async () => {
    const m = compose(pingPong, c, { network: 'bag', drop: false, duplicate: false, restart: false });
    const plain = await explore(m, { deadlock: false });
    const reduced = await explore(m, { deadlock: false, symmetry: true });
    // Each direction is in one of 4 phases (nothing, ping, pong, done): 16 pairs, 10 unordered.
    expect([plain.distinct, reduced.distinct]).toEqual([16, 10]);
    expect(reduced.witnesses).toEqual({ SomePong: true });
  });

  it('the symmetric fingerprint is the same for a state and each of its renamings', () => {
    const m = compose(pingPong, { nodes: ['n1', 'n2', 'n3'] }, { network: 'bag', drop: false, duplicate: true, restart: false, maxDuplicates: 2 });
    const sym = m.symmetry!;
    const fp = fingerprinter(m, { symmetry: true, speed: true });
    const plain = fingerprinter(m, { symmetry: false, speed: true });
    const of = (f: typeof fp, x: Global<PingState, PingMessage>) => {
      const h = new Hasher();
      f(x, h);
      return [h.hi, h.lo];
    };
    const rename = (g: Global<PingState, PingMessage>, q: Readonly<Record<string, string>>): Global<PingState, PingMessage> => {
      const r = (x: string) => q[x] ?? x;
      let network: Global<PingState, PingMessage>['network'] = [];
      for (const [, msg, copies] of g.network) for (let k = 0; k < copies; k++) network = bagAdd(network, { ...msg, source: r(msg.source), dest: r(msg.dest) });
      return { ...g, nodes: Object.fromEntries(Object.entries(g.nodes).map(([i, s]) => [r(i), s])), network };
    };
    let g = m.init()[0]!;
    const classes = new Set<string>();
    for (const pick of [0, 1, 0, 2, 1, 0, 3, 2]) {
      const next = m.actions(g).map((a) => m.next(g, a)).filter((t) => t !== null);
      g = next[pick % next.length]!;
      for (const q of sym.permutations) {
        expect(of(fp, rename(g, q))).toEqual(of(fp, g));
        classes.add(String(of(plain, rename(g, q))));
      }
    }
    expect(classes.size).toBeGreaterThan(8);
    expect(sym.permutations).toHaveLength(6);
  });

  it('with symmetry, a bug is still found, with a real trace', async () => {
    const m = compose(pingPong, c, { network: 'bag', drop: false, duplicate: true, restart: false });
    const r = await explore(m, { deadlock: false, symmetry: true });
    expect(r.violation?.name).toBe('AtMostOnePongEach');
    expect(r.violation?.trace).toHaveLength(6);
  });

  it('evaluates a predicate declared to read the nodes only once per tuple of node states, with the same verdicts', async () => {
    let calls = 0;
    const counted = {
      ...pingPong,
      invariants: { AtMostOnePongEach: (g: Global<PingState, PingMessage>) => (calls++, pingPong.invariants.AtMostOnePongEach!(g, c)) },
    };
    const opts = { network: 'set', drop: false, duplicate: false, restart: false } as const;
    const plain = await explore(compose(counted, c, opts), { deadlock: false });
    const everyState = calls;
    calls = 0;
    const nodesOnly = { AtMostOnePongEach: (v: NodesView<PingState>) => (calls++, Object.values(v.nodes).every((s) => s.pongs <= 1)) };
    const cached = await explore(compose({ ...counted, invariants: {}, localInvariants: { nodes: nodesOnly } }, c, opts), { deadlock: false });
    expect(cached.violation?.name).toBe('AtMostOnePongEach');
    expect(cached.violation?.trace).toEqual(plain.violation?.trace);
    expect([cached.distinct, cached.generated]).toEqual([plain.distinct, plain.generated]);
    expect([everyState, calls]).toEqual([14, 9]);
  });

  it('fingerprints states canonically, speed layer on or off: node key order does not matter', () => {
    const m = compose(pingPong, c, { network: 'bag', drop: false, duplicate: false, restart: false });
    const a = { nodes: { n1: { sent: 1, pongs: 0 }, n2: { sent: 0, pongs: 0 } }, network: [] };
    const b = { nodes: { n2: { pongs: 0, sent: 0 }, n1: { pongs: 0, sent: 1 } }, network: [] };
    for (const speed of [true, false]) {
      const fp = fingerprinter(m, { symmetry: false, speed });
      const [x, y] = [new Hasher(), new Hasher()];
      fp(a, x);
      fp(b, y);
      expect([x.hi, x.lo]).toEqual([y.hi, y.lo]);
    }
  });
});
