// Paxos explored exhaustively: exact counts (the first row is TLC's, docs/paxos.md), every witness
// reached, and each broken variant caught with its shortest trace (update traces with -u, review the diff).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Model, Tagged } from '../../src/core/index.ts';
import { explore, formatTrace } from '../../model-check/index.ts';
import { paxos } from '../../src/paxos/index.ts';

const defaults = { acceptors: '3', values: '2', ballots: '1', quorums: 'majority' };

function model(flags: Partial<typeof defaults>, variant: string | null = null): Model<unknown, Tagged> {
  const b = paxos.build({ ...defaults, ...flags }, variant);
  if (b.kind !== 'model') throw new Error('paxos builds a spec-level model');
  return b.model;
}

const all = { ValueChosen: true, VoteChanged: true, ChosenTwice: true };

describe('Paxos model checking', () => {
  it.each([
    // flags, distinct, generated, depth, witnesses reached
    ['TLC reference: 3 acceptors, 2 values, ballots 0..1', {}, 3921, 23839, 17, all],
    ['3 acceptors, 3 values, ballots 0..1', { values: '3' }, 6801, 41833, 17, all],
    ['3 acceptors, 1 value, ballots 0..1', { values: '1' }, 1681, 10005, 17, { ...all, VoteChanged: false }],
    ['3 acceptors, 1 value, ballots 0..2', { values: '1', ballots: '2' }, 68921, 504437, 25, { ...all, VoteChanged: false }],
    ['4 acceptors, 1 value, ballots 0..1', { acceptors: '4', values: '1' }, 9409, 64826, 21, { ...all, VoteChanged: false }],
    ['explicit quorums a1,a2;a1,a3', { quorums: 'a1,a2;a1,a3' }, 2433, 14235, 17, all],
    ['one ballot', { ballots: '0' }, 73, 316, 9, { ValueChosen: true, VoteChanged: false, ChosenTwice: false }],
  ] as const)('%s', async (_, flags, distinct, generated, depth, witnesses) => {
    const r = await explore(model(flags));
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(witnesses);
  });

  it.each([
    // flags, renamings, distinct, generated, depth
    ['all majorities: 3! acceptor x 2! value renamings', {}, 12, 443, 2756, 17],
    ['a1,a2;a1,a3: only renamings that keep the quorums (swap a2, a3)', { quorums: 'a1,a2;a1,a3' }, 4, 671, 3911, 17],
  ] as const)('symmetry, %s', async (_, flags, renamings, distinct, generated, depth) => {
    const m = model(flags);
    expect(m.symmetry?.permutations.length).toBe(renamings);
    const r = await explore(m, { symmetry: true });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(all);
  });

  it('the speed layer off (canonical texts hashed) counts as on', async () => {
    const r = await explore(model({ values: '3' }), { speed: false });
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 6801, generated: 41833, depth: 17 });
  });

  // The first invariant broken in BFS order: often a conjunct of Paxos.tla's inductive Inv, which
  // catches the bug before any disagreement.
  it.each([
    ['phase2a-any-value', 'Msg2aSafe', 10],
    ['phase2b-ignores-promise', 'Msg1bTruthful', 8],
    ['minority-quorums', 'Consistency', 9],
    ['two-proposals-per-ballot', 'Msg2aUnique', 6],
    ['phase1b-forgets-vote', 'Msg2aSafe', 10],
  ])('variant %s breaks %s after a shortest trace of %i states', async (variant, name, length) => {
    const r = await explore(model({}, variant));
    expect(r.verdict).toBe('violation');
    expect(r.violation?.name).toBe(name);
    expect(r.violation?.trace.length).toBe(length);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/paxos-${variant}.txt`);
  });

  // With Consistency alone, the same bugs end in two different values chosen.
  it.each([
    ['phase2a-any-value', 13],
    ['phase2b-ignores-promise', 13],
    ['minority-quorums', 9],
    ['two-proposals-per-ballot', 10],
    ['phase1b-forgets-vote', 13],
  ])('variant %s lets two values be chosen after %i states', async (variant, length) => {
    const m = model({}, variant);
    const r = await explore({ ...m, invariants: { Consistency: m.invariants['Consistency'] as (s: unknown) => boolean } });
    expect(r.violation?.name).toBe('Consistency');
    expect(r.violation?.trace.length).toBe(length);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/paxos-${variant}-consistency.txt`);
    // Still caught, as soon, with one state per symmetry class.
    const sym = await explore({ ...m, invariants: { Consistency: m.invariants['Consistency'] as (s: unknown) => boolean } }, { symmetry: true });
    expect([sym.violation?.name, sym.violation?.trace.length]).toEqual(['Consistency', length]);
  });
});

describe('spec/Paxos.tla and spec/MCPaxos.cfg mirror the TypeScript', () => {
  const spec = readFileSync(new URL('../../spec/Paxos.tla', import.meta.url), 'utf8');
  const cfg = readFileSync(new URL('../../spec/MCPaxos.cfg', import.meta.url), 'utf8');
  const defined = (name: string) => new RegExp(`^${name}(\\(.*\\))? ==`, 'm').test(spec);
  const m = model({});

  it('defines every action, invariant and witness under the same name', () => {
    for (const name of ['Init', 'Phase1a', 'Phase1b', 'Phase2a', 'Phase2b', 'Next']) expect([name, defined(name)]).toEqual([name, true]);
    for (const name of [...Object.keys(m.invariants), ...Object.keys(m.witnesses)]) expect([name, defined(name)]).toEqual([name, true]);
  });

  it('checks every invariant, in the same order, and no symmetry', () => {
    const listed = (cfg.split('INVARIANTS')[1] ?? '').split(/\s+/).filter((w) => w !== '');
    expect(listed).toEqual(Object.keys(m.invariants));
    expect(cfg).not.toMatch(/SYMMETRY/);
  });
});
