// Iterative deepening and best-first search: the same states and verdicts as BFS, IDDFS's trace as
// short as BFS's, best-first's a real behaviour, and a stopped run reported as not exhausted.
import { describe, expect, it } from 'vitest';
import type { Model, Tagged } from '../../src/core/index.ts';
import { compose, explore } from '../../model-check/index.ts';
import { exploreBestFirst } from '../../model-check/best-first.ts';
import { heuristics, logs, disagreement, messages } from '../../model-check/heuristics.ts';
import { exploreIterativeDeepening } from '../../model-check/iddfs.ts';
import { paxos } from '../../src/paxos/index.ts';
import { raft } from '../../src/raft/index.ts';

function paxosModel(variant: string | null = null): Model<unknown, Tagged> {
  const b = paxos.build({ acceptors: '3', values: '2', ballots: '1', quorums: 'majority' }, variant);
  if (b.kind !== 'model') throw new Error('paxos builds a spec-level model');
  return b.model;
}

function raftModel(flags: Record<string, string>, variant: string | null = null): Model<unknown, Tagged> {
  const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));
  const b = raft.build({ ...defaults, ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<unknown, Tagged>;
}

describe('iterative deepening DFS', () => {
  it('Paxos phase2a-any-value: a trace of 10 states, as BFS', async () => {
    const m = paxosModel('phase2a-any-value');
    const [b, d] = [await explore(m), await exploreIterativeDeepening(m)];
    expect([b.violation?.name, b.violation?.trace.length]).toEqual(['Msg2aSafe', 10]);
    expect([d.verdict, d.violation?.name, d.violation?.trace.length, d.depth]).toEqual(['violation', 'Msg2aSafe', 10, 10]);
  });

  it('Raft no-session-table (setting A, sessions on): a trace of 23 states, as BFS', async () => {
    const m = raftModel({ sessions: 'on' }, 'no-session-table');
    const [b, d] = [await explore(m), await exploreIterativeDeepening(m)];
    expect([b.violation?.name, b.violation?.trace.length]).toEqual(['NoCommandAppliedTwice', 23]);
    expect([d.violation?.name, d.violation?.trace.length]).toEqual(['NoCommandAppliedTwice', 23]);
  }, 120_000);

  it('the correct Paxos: exhausted with BFS\'s distinct states and depth, every witness reached', async () => {
    const d = await exploreIterativeDeepening(paxosModel());
    expect([d.verdict, d.distinct, d.depth, d.incomplete]).toEqual(['ok', 3921, 17, null]);
    expect(Object.values(d.witnesses).every(Boolean)).toBe(true);
  });

  it('stopped by a depth bound or a state cap: incomplete, never exhausted', async () => {
    const byDepth = await exploreIterativeDeepening(paxosModel(), { maxDepth: 5 });
    expect([byDepth.verdict, byDepth.incomplete]).toEqual(['incomplete', 'stopped at depth bound 5']);
    const byStates = await exploreIterativeDeepening(paxosModel(), { maxStates: 100 });
    expect([byStates.verdict, byStates.incomplete, byStates.violation]).toEqual(['incomplete', 'stopped at --max-states 100', null]);
  });
});

describe('with symmetry', () => {
  it('Raft at 2 servers, max-term 2, max-log 1: both orders store BFS\'s 837 classes', async () => {
    const m = raftModel({ 'max-term': '2', 'max-log': '1' });
    const [d, b] = [await exploreIterativeDeepening(m, { symmetry: true }), await exploreBestFirst(m, heuristics.progress, { symmetry: true })];
    expect([(await explore(m, { symmetry: true })).distinct, d.verdict, d.distinct, d.depth, b.verdict, b.distinct, b.generated]).toEqual([837, 'ok', 837, 28, 'ok', 837, 6529]);
  }, 120_000);
});

describe('best-first search', () => {
  it.each(Object.keys(heuristics))('the correct Paxos by %s: exhausted with BFS\'s exact counts', async (h) => {
    const r = await exploreBestFirst(paxosModel(), heuristics[h as keyof typeof heuristics]);
    expect([r.verdict, r.distinct, r.generated, r.incomplete]).toEqual(['ok', 3921, 23839, null]);
  });

  it('finds Paxos phase2a-any-value: a real behaviour from Init that breaks Msg2aSafe', async () => {
    const r = await exploreBestFirst(paxosModel('phase2a-any-value'), heuristics.progress);
    expect([r.verdict, r.violation?.name]).toEqual(['violation', 'Msg2aSafe']);
    expect(r.violation?.trace.length).toBeGreaterThanOrEqual(10);
    expect(r.violation?.trace[0]?.action).toBeNull();
  });

  it.each([
    // heuristic, distinct states until found, trace length (BFS: 15,508 states, 23)
    ['logs', 2083, 24],
    ['progress', 1080, 37],
  ] as const)('finds Raft no-session-table by %s in fewer states than BFS (exact counts: the order is deterministic)', async (h, distinct, length) => {
    const r = await exploreBestFirst(raftModel({ sessions: 'on' }, 'no-session-table'), heuristics[h]);
    expect([r.violation?.name, r.distinct, r.violation?.trace.length]).toEqual(['NoCommandAppliedTwice', distinct, length]);
  }, 120_000);

  it('stopped by a state cap: incomplete, not exhausted', async () => {
    const r = await exploreBestFirst(paxosModel(), heuristics.logs, { maxStates: 100 });
    expect([r.verdict, r.incomplete, r.violation]).toEqual(['incomplete', 'stopped at --max-states 100', null]);
  });

  it('heuristics read the structure: log entries, distinct values per field, messages in flight', () => {
    const s = { nodes: { s1: { currentTerm: 2, state: 'Leader', log: [{ term: 2 }], votes: ['s1'] }, s2: { currentTerm: 1, state: 'Follower', log: [] } }, network: [['k', {}, 2], ['j', {}, 1]] };
    expect([logs(s), disagreement(s), messages(s)]).toEqual([1, 4, 3]);
  });
});
