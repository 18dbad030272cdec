// Basic Paxos as nodes, explored exhaustively: exact counts (the first row is TLC's on spec/MCBasicPaxos.cfg,
// docs/paxos.md), the witnesses each setting reaches, and each broken variant caught with its shortest trace
// (update traces with -u, review the diff).
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Model, Tagged } from '../../src/core/index.ts';
import { basicpaxos, type BpGlobal } from '../../src/basicpaxos/index.ts';
import { fromConfig, readConfig } from '../../src/cli/from-config.ts';

/** The flags these rows were pinned with (check's defaults are now the MC cfg's setting). */
const defaults: Record<string, string> = { proposers: '2', acceptors: '3', learners: '1', values: '2', quorums: 'majority', 'max-round': '1', 'max-dup': '1', 'max-msgs': '2', drop: 'on', duplicate: 'on', restart: 'on' };
/** MCBasicPaxos.cfg: round 0, one message in flight, drops, no duplicates, no restarts. */
const tlc = { 'max-round': '0', 'max-msgs': '1', duplicate: 'off', restart: 'off' };

function model(flags: Record<string, string>, variant: string | null = null): Model<BpGlobal, Tagged> {
  const b = basicpaxos.build({ ...defaults, ...flags }, variant);
  if (b.kind !== 'node') throw new Error('basicpaxos builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<BpGlobal, Tagged>;
}

const round0 = { ValueLearned: true, NackSent: true, Retried: false, AdoptedVote: true };

describe('Basic Paxos model checking', () => {
  it.each([
    // name, flags, distinct, generated, depth, witnesses
    ['TLC: 2 proposers x 3 acceptors x 2 values, round 0, MaxMsgs 1, drops', tlc, 25529, 240065, 35, round0],
    ['the same without drops', { ...tlc, drop: 'off' }, 4564, 38442, 35, round0],
    ['flexible quorums {a1,a2}, {a1,a3}', { ...tlc, quorums: 'a1,a2;a1,a3' }, 22391, 207892, 35, round0],
    ['one proposer', { ...tlc, proposers: '1' }, 399, 2194, 19, { ValueLearned: true, NackSent: false, Retried: false, AdoptedVote: false }],
  ] as const)('%s', async (_, flags, distinct, generated, depth, witnesses) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(witnesses);
  });

  it('spec/MCBasicPaxos.cfg read by check --config gives the TLC row\'s flags', () => {
    const f = fromConfig(readConfig('spec/MCBasicPaxos.cfg'), basicpaxos);
    expect(f.constants).toEqual({
      ...defaults, ...tlc, proposers: 'p1,p2', acceptors: 'a1,a2,a3', learners: 'l1,', values: 'v1,v2', quorums: 'a1,a2;a1,a3;a2,a3;a1,a2,a3', drop: 'on',
    });
    expect([f.deadlock, f.invariants.map((x) => x.name), f.properties.map((x) => x.name)]).toEqual([
      false, ['Consistency', 'LearnedWasProposed', 'OneValuePerBallot', 'VoteWithinPromise'], ['AcceptNotBelowPromise', 'RefinesPaxos'],
    ]);
  });

  it.each([
    // variant, flags, first property broken, its trace length, trace length to two values learned
    ['one-phase', tlc, 'Consistency', 15, 15],
    ['ignore-reported-vote', tlc, 'Consistency', 27, 27],
    ['forget-promise-on-restart', { ...tlc, restart: 'on', drop: 'off' }, 'VoteWithinPromise', 11, 28],
    ['round-only-ballots', tlc, 'OneValuePerBallot', 15, 27],
  ] as const)('%s is caught', async (variant, flags, name, length, consistency) => {
    const m = model(flags, variant);
    const r = await explore(m, { deadlock: false });
    expect(r.verdict).toBe('violation');
    expect([r.violation?.name, r.violation?.trace.length]).toEqual([name, length]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/basicpaxos-${variant}.txt`);
    // Consistency alone: the bug ends in two values learned.
    const c = await explore({ ...m, invariants: { Consistency: m.invariants['Consistency'] as (g: BpGlobal) => boolean } }, { deadlock: false });
    expect([c.violation?.name, c.violation?.trace.length]).toEqual(['Consistency', consistency]);
    await expect(formatTrace(c.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/basicpaxos-${variant}-consistency.txt`);
  });
});
