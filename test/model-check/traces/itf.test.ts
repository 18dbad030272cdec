// --trace-out's ITF: for every protocol, a trace written from the checker is valid ITF (itf-schema.ts),
// carries Quint's mbt::actionTaken / mbt::nondetPicks, and replays from the file through the model,
// every state the successor of the one before by the action it names.
import { describe, expect, it } from 'vitest';
import type { Model, Tagged } from '../../../src/core/index.ts';
import { compose, explore, pathOf, replayItf, ShapeError, toItf, type ItfTrace } from '../../../model-check/index.ts';
import { actionParts } from '../../../model-check/trace-path.ts';
import { typed } from '../../../model-check/trace-value.ts';
import { itfOf } from '../../../model-check/trace-itf.ts';
import { raft } from '../../../src/raft/index.ts';
import { paxos } from '../../../src/paxos/index.ts';
import { basicpaxos } from '../../../src/basicpaxos/index.ts';
import { multipaxos } from '../../../src/multipaxos/index.ts';
import { twoPhase } from '../../../src/twophase/index.ts';
import type { Checkable } from '../../../src/core/index.ts';
import { itfProblems } from './itf-schema.ts';

function built(p: Checkable, flags: Record<string, string>, variant: string | null = null): Model<unknown, Tagged> {
  const defaults = Object.fromEntries(p.constants.map((c) => [c.flag, c.default]));
  const b = p.build({ ...defaults, ...flags }, variant);
  return b.kind === 'model' ? b.model : (compose(b.protocol, b.config, b.network) as Model<unknown, Tagged>);
}

/** The shortest trace to a violation of `invariant`, or to witness `witness` when given. */
async function shortest(model: Model<unknown, Tagged>, witness: string | null) {
  const w = witness === null ? null : (model.witnesses[witness] as (s: unknown) => boolean);
  const m = w === null ? model : { ...model, invariants: { [`Not${witness}`]: (s: unknown) => !w(s) }, actionProperties: {} };
  const r = await explore(m, { deadlock: false });
  if (r.violation === null) throw new Error('no trace');
  return r.violation;
}

const cases: readonly [string, () => Model<unknown, Tagged>, string | null, number][] = [
  ['raft forget-vote-on-restart (ElectionSafety)', () => built(raft, { servers: '3', 'max-term': '2', 'max-log': '0', drop: 'off', duplicate: 'off' }, 'forget-vote-on-restart'), null, 19],
  ['raft setting A, witness EntryCommitted', () => built(raft, {}), 'EntryCommitted', 16],
  ['paxos, witness ValueChosen', () => built(paxos, {}), 'ValueChosen', 7],
  ['basicpaxos, witness ValueLearned', () => built(basicpaxos, { proposers: '2', acceptors: '3', learners: '1', values: '2', 'max-round': '1' }), 'ValueLearned', 0],
  ['multipaxos, witness LeaderElected', () => built(multipaxos, {}), 'LeaderElected', 0],
  ['twophase, witness Committed', () => compose(twoPhase, { rms: ['rm1', 'rm2'] }, { network: 'set', drop: false, duplicate: false, restart: false }) as Model<unknown, Tagged>, 'Committed', 0],
];

describe('ITF traces (--trace-out)', () => {
  it.each(cases)('%s: valid ITF that replays through the model', async (_, make, witness, length) => {
    const model = make();
    const v = await shortest(model, witness);
    if (length > 0) expect(v.trace).toHaveLength(length);
    const path = pathOf(model, v.trace);
    const itf = JSON.parse(JSON.stringify(toItf(model, path, { property: v.name }))) as ItfTrace;
    expect(itfProblems(itf)).toEqual([]);
    expect(itf['#meta']).toMatchObject({ format: 'ITF', property: v.name });
    expect(itf.states).toHaveLength(v.trace.length);
    expect(itf.vars).toEqual(expect.arrayContaining([...Object.keys(model.variables(path.states[0])), 'mbt::actionTaken', 'mbt::nondetPicks']));
    expect(itf.states.map((s) => s['mbt::actionTaken'])).toEqual(['init', ...path.actions.slice(1).map((a) => actionParts(a as Tagged).name)]);
    const picks = itf.states[1]?.['mbt::nondetPicks'] as Record<string, { tag: string }>;
    expect(Object.values(picks).some((p) => p.tag === 'Some')).toBe(true);
    expect(replayItf(model, itf).states).toHaveLength(v.trace.length);
  }, 300_000);

  it('a tampered state is refused at its index', async () => {
    const model = built(paxos, {});
    const v = await shortest(model, 'ValueChosen');
    const itf = JSON.parse(JSON.stringify(toItf(model, pathOf(model, v.trace), {}))) as { states: Record<string, unknown>[] };
    (itf.states[3] as Record<string, unknown>)['maxBal'] = { '#map': [['a1', { '#bigint': '1' }], ['a2', { '#bigint': '1' }], ['a3', { '#bigint': '1' }]] };
    expect(() => replayItf(model, itf as unknown as ItfTrace)).toThrow(/ITF state 3 .* is not a successor of state 2/);
  }, 120_000);

  it('sorts sets, function domains and record fields canonically, whatever the input order', () => {
    const a = itfOf(typed({ b: [3, 1, 2], a: { y: 1, x: 2 } }, { fields: { b: { set: 'plain' }, a: { record: 'plain' } } }, 'Nil', 'v'));
    const b = itfOf(typed({ a: { x: 2, y: 1 }, b: [2, 3, 1] }, { fields: { b: { set: 'plain' }, a: { record: 'plain' } } }, 'Nil', 'v'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toEqual({ a: { '#map': [['x', { '#bigint': '2' }], ['y', { '#bigint': '1' }]] }, b: { '#set': [{ '#bigint': '1' }, { '#bigint': '2' }, { '#bigint': '3' }] } });
  });

  it('refuses a list whose shape is not declared (set or sequence)', () => {
    expect(() => typed({ log: [1] }, 'plain', 'Nil', 'v')).toThrow(ShapeError);
    expect(() => typed({ log: [1] }, 'plain', 'Nil', 'v')).toThrow(/v\.log: a list declared 'plain'/);
  });

  it('every registered protocol declares its state shape', () => {
    for (const p of [raft, paxos, basicpaxos, multipaxos]) expect([p.name, built(p, {}).shape !== undefined]).toEqual([p.name, true]);
    expect(twoPhase.shape).toBeDefined();
  });
});
