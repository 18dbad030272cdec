// Raft explored exhaustively: exact counts (setting A is TLC's, docs/raft.md), every witness reached,
// and each broken variant caught with its shortest trace (update traces with -u, review the diff).
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import { canonical, type Global, type Model, type Tagged } from '../../src/core/index.ts';
import { invariants, raft, witnesses, type RaftConfig, type RaftMessage, type Server } from '../../src/raft/index.ts';
import { play } from '../helpers/play.ts';

const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

function model(flags: Record<string, string>, variant: string | null = null): Model<Global<Server, RaftMessage>, Tagged> {
  const b = raft.build({ ...defaults, ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<Global<Server, RaftMessage>, Tagged>;
}

/** Election of `i` in term t by itself and voter v, from followers of term t - 1 (v may be in term t - 1 or t). */
function election(i: string, v: string, t: number, last: string, voterBehind = true): string[] {
  const req = (j: string) => `Receive(RequestVoteRequest ${i}->${j} term ${t} last ${last})`;
  return [
    `RequestVote(${i}, ${i})`, req(i), `Receive(RequestVoteResponse ${i}->${i} term ${t} granted)`,
    `RequestVote(${i}, ${v})`, ...(voterBehind ? [req(v)] : []), req(v), `Receive(RequestVoteResponse ${v}->${i} term ${t} granted)`,
    `BecomeLeader(${i})`,
  ];
}

/**
 * Figure 8 (b) of the Raft paper with three servers: s1 led term 2 and holds its entry alone, s3 leads
 * term 3 with an entry of its own, s2 (the passive voter) holds nothing. Every step is a correct one.
 */
const figure8b = [
  'Timeout(s1)', ...election('s1', 's2', 2, '0/0'), 'ClientRequest(s1, v1)',
  'Timeout(s3)', 'Timeout(s3)', ...election('s3', 's2', 3, '0/0'), 'ClientRequest(s3, v1)',
];

const all = { LeaderElected: true, EntryCommitted: true, FollowerCommitted: true, EntryEverywhere: true };

describe('Raft model checking', () => {
  it.each([
    // name, flags, distinct, generated, depth, witnesses
    ['TLC setting A: 2 servers, 1 value, MaxTerm 3, MaxLogLen 2, MaxDup 1, MaxMsgs 1', {}, 46741, 371911, 46, all],
    ['setting A without the history field mlog', { history: 'off' }, 46207, 367277, 46, all],
    ['2 servers, MaxTerm 2, MaxLogLen 1', { 'max-term': '2', 'max-log': '1' }, 1657, 12969, 28, all],
    ['setting A with MaxDrops 0 (the states of --drop off; the drops are generated)', { 'max-drops': '0' }, 27613, 211325, 46, all],
    ['setting A with MaxDrops 1 (a drop counter in the state)', { 'max-drops': '1' }, 70389, 547461, 48, all],
    ['3 servers, MaxTerm 2, MaxLogLen 1, s2 and s3 passive, no faults', { servers: '3', 'max-term': '2', 'max-log': '1', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's2,s3' }, 526, 3565, 28, all],
  ] as const)('%s', async (_, flags, distinct, generated, depth, witnesses) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(witnesses);
  });

  it.each([
    // name, flags, renamings, distinct, generated, depth
    ['setting A: 2! server renamings (one value)', {}, 2, 23404, 186131, 46],
    ['2 servers, 2 values, MaxTerm 2, MaxLogLen 1: 2! x 2! renamings', { values: '2', 'max-term': '2', 'max-log': '1' }, 4, 837, 6656, 28],
  ] as const)('symmetry, %s', async (_, flags, renamings, distinct, generated, depth) => {
    const m = model(flags);
    expect(m.symmetry?.permutations.length).toBe(renamings);
    const r = await explore(m, { deadlock: false, symmetry: true });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
  });

  it("the composed model's predicates (parts cached per object) agree with Raft's global ones, in every state of a small model", () => {
    const m = model({ 'max-term': '2', 'max-log': '1' });
    const c = (raft.build({ ...defaults, 'max-term': '2', 'max-log': '1' }, null) as { config: RaftConfig }).config;
    const global: Record<string, (g: Global<Server, RaftMessage>, c: RaftConfig) => boolean> = { ...invariants, ...witnesses };
    expect(Object.keys(m.invariants)).toEqual(Object.keys(invariants));
    expect(Object.keys(m.witnesses)).toEqual(Object.keys(witnesses));
    const seen = new Set<string>();
    let level = m.init();
    while (level.length > 0) {
      const next: Global<Server, RaftMessage>[] = [];
      for (const g of level) {
        const key = canonical(g);
        if (seen.has(key)) continue;
        seen.add(key);
        for (const [name, f] of [...Object.entries(m.invariants), ...Object.entries(m.witnesses)]) expect(f(g), name).toBe(global[name]?.(g, c));
        for (const a of m.actions(g)) {
          const h = m.next(g, a);
          if (h !== null && m.constraint?.(h) !== false) next.push(h);
        }
      }
      level = next;
    }
    expect(seen.size).toBe(1657);
  });

  it('renames passive servers only among themselves, active ones likewise', () => {
    expect(model({ servers: '3', passive: 's2' }).symmetry?.permutations).toEqual([
      { s1: 's1', s3: 's3' },
      { s1: 's3', s3: 's1' },
    ]);
    expect(model({ servers: '3', passive: 's2,s3' }).symmetry?.permutations).toHaveLength(2);
    expect(model({ servers: '3' }).symmetry?.permutations).toHaveLength(6);
  });

  const noFaults = { servers: '3', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's2' };

  it.each([
    // variant, flags, invariant, trace length
    ['forget-vote-on-restart', { servers: '3', 'max-term': '2', 'max-log': '0', drop: 'off', duplicate: 'off' }, 'ElectionSafety', 19],
    ['vote-without-log-check', { ...noFaults, 'max-term': '3', 'max-log': '1' }, 'LeaderCompleteness', 26],
  ] as const)('%s is caught from the initial state', async (variant, flags, invariant, length) => {
    const r = await explore(model(flags, variant), { deadlock: false });
    expect(r.verdict).toBe('violation');
    expect(r.violation?.name).toBe(invariant);
    expect(r.violation?.trace.length).toBe(length);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/raft-${variant}.txt`);
    // Symmetry keeps one state per class; every class keeps its distance, so the same shortest length.
    const sym = await explore(model(flags, variant), { deadlock: false, symmetry: true });
    expect([sym.violation?.name, sym.violation?.trace.length]).toEqual([invariant, length]);
    expect(sym.distinct).toBeLessThan(r.distinct);
  });

  it.each([
    // variant, invariant, trace length from Figure 8 (b)
    ['commit-previous-term', 'CommittedSurvivesElection', 20],
    ['append-without-log-check', 'LogMatching', 14],
  ] as const)('%s is caught from Figure 8 (b)', async (variant, invariant, length) => {
    const m = model({ ...noFaults, 'max-term': '4', 'max-log': '2', 'max-restarts': 'none' }, variant);
    const start = play(m, figure8b);
    const r = await explore({ ...m, init: () => [start] }, { deadlock: false });
    expect(figure8b.length).toBe(21);
    expect(r.violation?.name).toBe(invariant);
    expect(r.violation?.trace.length).toBe(length);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/raft-${variant}.txt`);
    const sym = await explore({ ...m, init: () => [start] }, { deadlock: false, symmetry: true });
    expect([sym.violation?.name, sym.violation?.trace.length]).toEqual([invariant, length]);
  });

  it('the correct protocol keeps every invariant from Figure 8 (b) (MaxLogLen 1)', async () => {
    const m = model({ ...noFaults, 'max-term': '4', 'max-log': '1', 'max-restarts': 'none' });
    const r = await explore({ ...m, init: () => [play(m, figure8b)] }, { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 143457, generated: 1327040, depth: 48 });
  });
});
