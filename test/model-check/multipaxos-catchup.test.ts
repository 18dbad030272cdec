// Multi-Paxos learner catch-up (RequestCatchUp, HandleCatchUpRequest, HandleCatchUpReply): exact counts of the
// smallest setting where a replica can decide a slot after one it missed (TLC row multipaxos-2r-catchup), a
// catch-up reached that fills a gap, and a replay where a replica that lost every Accepted of slot 1
// executes it without waiting for a leader change.
import { describe, expect, it } from 'vitest';
import { compose, explore } from '../../model-check/index.ts';
import type { Model, Tagged } from '../../src/core/index.ts';
import { multipaxos, type MpGlobal, type MpMessage, type Replica } from '../../src/multipaxos/index.ts';

const base: Record<string, string> = { replicas: '2', commands: '2', candidates: 'r1', 'max-round': '0', 'max-slot': '2', 'max-dup': '1', 'max-msgs': '2', drop: 'off', duplicate: 'off', restart: 'off' };

function model(flags: Record<string, string>): Model<MpGlobal, Tagged> {
  const b = multipaxos.build({ ...base, ...flags }, null);
  if (b.kind !== 'node') throw new Error('multipaxos builds a node-level protocol');
  const m = compose(b.protocol, b.config, b.network) as unknown as Model<MpGlobal, Tagged>;
  // A CatchUpReply in flight tells its destination a decision it lacks (MCMultiPaxos.tla CatchUpFillsGap).
  const CatchUpFillsGap = (g: MpGlobal): boolean =>
    g.network.some(([, x]) => {
      const m = x as MpMessage;
      return m.type === 'CatchUpReply' && m.decided.some((y) => !(g.nodes[m.dest] as Replica).decided.some((z) => z.slot === y.slot));
    });
  return { ...m, witnesses: { ...m.witnesses, CatchUpFillsGap } };
}

/** Applies the actions whose printed names start with these prefixes, one after the other. */
function play(m: Model<MpGlobal, Tagged>, prefixes: readonly string[], g = m.init()[0] as MpGlobal): MpGlobal {
  for (const p of prefixes) {
    const a = m.actions(g).find((x) => m.describe(x).startsWith(p) && m.next(g, x) !== null);
    if (a === undefined) throw new Error(`not enabled: ${p}`);
    g = m.next(g, a) as MpGlobal;
  }
  return g;
}

const enabled = (m: Model<MpGlobal, Tagged>, g: MpGlobal, p: string): boolean => m.actions(g).some((x) => m.describe(x).startsWith(p) && m.next(g, x) !== null);

describe('Multi-Paxos catch-up', () => {
  it('2 replicas, stable leader r1, 2 commands, MaxSlot 2, MaxMsgs 2 (TLC row multipaxos-2r-catchup)', async () => {
    const r = await explore(model({}), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 5395, generated: 36341, depth: 34 });
    expect(r.witnesses).toEqual({ LeaderElected: true, CommandExecuted: true, CatchUpFillsGap: true });
  }, 300_000);

  it('r3 lost every Accepted of slot 1; after slot 2 is decided it asks r1, learns c1#1 and executes both (§2.3)', () => {
    const m = model({ replicas: '3', 'max-msgs': '3', drop: 'on' });
    const elect = ['StartElection(r1)', ...['r1', 'r2'].flatMap((j) => [`SendPrepare(r1, ${j})`, `Receive(Prepare r1->${j}`, `Receive(Promise ${j}->r1`])];
    const accept = (a: string, slot: number, to: readonly string[], lost: readonly string[]): string[] => [
      `SendAccept(r1, ${a}, ${slot})`, `Receive(Accept r1->${a}`, ...to.map((l) => `Receive(Accepted ${a}->${l}`), ...lost.map((l) => `DropMessage(Accepted ${a}->${l}`),
    ];
    let g = play(m, [
      ...elect,
      'ClientRequest(r1, c1#1)', ...accept('r1', 1, ['r1', 'r2'], ['r3']), ...accept('r2', 1, ['r1', 'r2'], ['r3']),
      'ClientRequest(r1, c2#1)', ...accept('r1', 2, ['r1', 'r2', 'r3'], []), ...accept('r2', 2, ['r1', 'r2', 'r3'], []),
    ]);
    const r3 = (): Replica => g.nodes['r3'] as Replica;
    expect(r3().decided.map((x) => x.slot)).toEqual([2]);
    expect(enabled(m, g, 'Execute(r3)')).toBe(false);
    g = play(m, ['RequestCatchUp(r3, r1)', 'Receive(CatchUpRequest r3->r1', 'Receive(CatchUpReply r1->r3', 'Execute(r3)', 'Execute(r3)'], g);
    expect(r3().applied).toEqual([{ client: 'c1', seq: 1 }, { client: 'c2', seq: 1 }]);
    expect(enabled(m, g, 'RequestCatchUp(r3')).toBe(false);
  });
});
