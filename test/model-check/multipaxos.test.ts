// Multi-Paxos explored: exact counts of a stable-leader setting, every witness reached, each broken variant caught
// from a prefix in which r1 led ballot 0 (update traces with -u, review the diff), and the stable leader deciding
// commands where Basic Paxos's proposers duel.
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Model, Tagged } from '../../src/core/index.ts';
import { multipaxos, type MpGlobal, type Replica } from '../../src/multipaxos/index.ts';

/** The flags these rows were pinned with (check's defaults are now the MC cfg's setting). */
const defaults: Record<string, string> = { replicas: '3', commands: '1', candidates: 'all', 'max-round': '1', 'max-slot': '1', 'max-dup': '1', 'max-msgs': '1', drop: 'off', duplicate: 'off', restart: 'off' };

function model(flags: Record<string, string>, variant: string | null = null): Model<MpGlobal, Tagged> {
  const b = multipaxos.build({ ...defaults, ...flags }, variant);
  if (b.kind !== 'node') throw new Error('multipaxos builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<MpGlobal, Tagged>;
}

/** Applies the actions whose printed names start with these prefixes, one after the other. */
function play(m: Model<MpGlobal, Tagged>, prefixes: readonly string[], g = m.init()[0] as MpGlobal): { g: MpGlobal; names: string[] } {
  const names: string[] = [];
  for (const p of prefixes) {
    const a = m.actions(g).find((x) => m.describe(x).startsWith(p) && m.next(g, x) !== null);
    if (a === undefined) throw new Error(`not enabled: ${p}`);
    names.push(m.describe(a));
    g = m.next(g, a) as MpGlobal;
  }
  return { g, names };
}

/** r1 wins ballot 0 with r1 and r2 (Phase 1, once). */
const elect = (i: string, voters: readonly string[]): string[] => [
  `StartElection(${i})`,
  ...voters.flatMap((j) => [`SendPrepare(${i}, ${j})`, `Receive(Prepare ${i}->${j}`, `Receive(Promise ${j}->${i}`]),
];
/** The leader i gets slot `slot` accepted by `acceptor`, and every replica hears it. */
const accept = (i: string, acceptor: string, slot: number, learners: readonly string[], drop: readonly string[] = []): string[] => [
  `SendAccept(${i}, ${acceptor}, ${slot})`, `Receive(Accept ${i}->${acceptor}`,
  ...learners.map((l) => `Receive(Accepted ${acceptor}->${l}`), ...drop.map((l) => `DropMessage(Accepted ${acceptor}->${l}`),
];

describe('Multi-Paxos model checking', () => {
  it.each([
    // name, flags, distinct, generated, depth
    ['TLC (MCMultiPaxos.cfg): 3 replicas, stable leader r1, 1 command, round 0, MaxMsgs 3', { 'max-round': '0', 'max-msgs': '3', candidates: 'r1' }, 7874, 51444, 33],
  ] as const)('%s', async (_, flags, distinct, generated, depth) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual({ LeaderElected: true, CommandExecuted: true });
  });

  // Slot 1 holds c1#1, chosen by r1 and r2's votes; r1 learned it, r2 and r3 lost the news.
  // Played on the correct protocol with drops on; explored with drops off (the same state shape).
  const chosenAtR1 = (): MpGlobal =>
    play(model({ ...flags, drop: 'on' }), [...elect('r1', ['r1', 'r2']), 'ClientRequest(r1, c1#1)', ...accept('r1', 'r1', 1, ['r1'], ['r2', 'r3']), ...accept('r1', 'r2', 1, ['r1'], ['r2', 'r3'])]).g;
  const flags = { commands: '2', 'max-msgs': '3', 'max-slot': '1', 'max-round': '0', candidates: 'r1,r2' };

  it('the correct new leader r2 learns c1#1 in its Phase 1 and re-proposes it in slot 1', () => {
    const m = model(flags);
    const start = chosenAtR1();
    expect((start.nodes['r1'] as Replica).decided).toEqual([{ slot: 1, val: { client: 'c1', seq: 1 } }]);
    expect((start.nodes['r2'] as Replica).decided).toEqual([]);
    const { g } = play(m, elect('r2', ['r2', 'r3']), start);
    const r2 = g.nodes['r2'] as Replica;
    expect([r2.role, r2.ballot, r2.proposals]).toEqual(['Leader', { round: 0, leader: 'r2' }, [{ slot: 1, val: { client: 'c1', seq: 1 } }]]);
  });

  it.each([
    ['skip-reproposal', flags, 'DecisionStable', 17],
    ['skip-phase1', flags, 'DecisionStable', 11],
  ] as const)('%s is caught after r2 takes over', async (variant, f, name, length) => {
    const m = model(f, variant);
    const r = await explore({ ...m, init: () => [chosenAtR1()] }, { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual([name, length]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/multipaxos-${variant}.txt`);
  });

  it('same-ballot-leaders is caught once r1 and r2 both lead ballot 0', async () => {
    const m = model({ commands: '2', 'max-msgs': '3', 'max-slot': '1', 'max-round': '0', candidates: 'r1,r2' }, 'same-ballot-leaders');
    const start = play(m, [...elect('r1', ['r1', 'r2']), ...elect('r2', ['r2', 'r3'])]).g;
    expect(['r1', 'r2'].map((i) => [(start.nodes[i] as Replica).role, (start.nodes[i] as Replica).ballot])).toEqual([
      ['Leader', { round: 0, leader: '' }],
      ['Leader', { round: 0, leader: '' }],
    ]);
    const r = await explore({ ...m, init: () => [start] }, { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual(['DecisionStable', 21]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot('__traces__/multipaxos-same-ballot-leaders.txt');
  });

  it('a stable leader decides two commands with one Phase 1 and no Prepare after it (where Basic Paxos duels)', () => {
    const m = model({ commands: '2', 'max-msgs': '3', 'max-slot': '2', candidates: 'r1' });
    const { g, names } = play(m, [
      ...elect('r1', ['r1', 'r2']),
      'ClientRequest(r1, c1#1)', ...accept('r1', 'r1', 1, ['r1', 'r2', 'r3']), ...accept('r1', 'r2', 1, ['r1', 'r2', 'r3']),
      'ClientRequest(r1, c2#1)', ...accept('r1', 'r1', 2, ['r1', 'r2', 'r3']), ...accept('r1', 'r2', 2, ['r1', 'r2', 'r3']),
      'Execute(r1)', 'Execute(r1)', 'Execute(r2)', 'Execute(r2)', 'Execute(r3)', 'Execute(r3)',
    ]);
    const afterPhase1 = names.slice(elect('r1', ['r1', 'r2']).length);
    expect(afterPhase1.filter((n) => n.includes('Prepare') || n.includes('Promise'))).toEqual([]);
    const c1 = { client: 'c1', seq: 1 };
    const c2 = { client: 'c2', seq: 1 };
    for (const i of ['r1', 'r2', 'r3']) expect([i, (g.nodes[i] as Replica).applied]).toEqual([i, [c1, c2]]);
  });
});
