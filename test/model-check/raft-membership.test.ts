// Raft with membership change (`--membership joint|single`, spec/MCRaftMembership.cfg): exact counts equal
// to TLC's on the rows raft-mem-* of tlc/settings.ts, the changes reached, and the broken variants of
// issue 17 with their shortest traces (update traces with -u, review the diff).
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Global, Model, Tagged } from '../../src/core/index.ts';
import { raft, type RaftConfig, type RaftMessage, type Server } from '../../src/raft/index.ts';
import { configIndex, configOf, isJoint } from '../../src/raft/membership.ts';

type G = Global<Server, RaftMessage>;
const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

function build(flags: Record<string, string>, variant: string | null = null) {
  const b = raft.build({ ...defaults, 'max-term': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off', ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return b;
}

function model(flags: Record<string, string>, variant: string | null = null, tweak: (c: RaftConfig) => RaftConfig = (c) => c): Model<G, Tagged> {
  const b = build(flags, variant);
  return compose(b.protocol, tweak(b.config as RaftConfig), b.network) as unknown as Model<G, Tagged>;
}

/** Whether some reachable state satisfies `p` (its negation checked as the only invariant). */
async function reaches(m: Model<G, Tagged>, p: (g: G) => boolean): Promise<boolean> {
  const r = await explore({ ...m, invariants: { Never: (g: G) => !p(g) }, actionProperties: {} }, { deadlock: false });
  return r.verdict === 'violation';
}

const nodes = (g: G): Server[] => Object.values(g.nodes);
/** Some server knows committed a configuration entry whose voters are `voters`, not joint. */
const changedTo = (c: RaftConfig, voters: string) => (g: G) =>
  nodes(g).some((s) => configIndex(s.log) > 0 && configIndex(s.log) <= s.commitIndex && !isJoint(configOf(s, c)) && configOf(s, c).voters.join(',') === voters);

const all = { LeaderElected: true, EntryCommitted: true, FollowerCommitted: true, EntryEverywhere: true };
const s1Only = { 'max-log': '2', passive: 's2,s3' };
const grow3 = { ...s1Only, servers: '3', voters: 's1,s2', learners: 's3', targets: 's1,s2,s3' };
const shrink3 = { ...s1Only, servers: '3', targets: 's2,s3' };
const grow4 = { ...s1Only, servers: '4', voters: 's1,s2,s3', learners: 's4', targets: 's1,s2,s3,s4', passive: 's2,s3,s4' };

describe('Raft with membership change', () => {
  it.each([
    // TLC row, flags, distinct, generated, depth, the voters reached
    ['MCRaftMembership.cfg', { membership: 'joint', ...shrink3 }, 6491, 48208, 42, 's2,s3'],
    ['raft-mem-joint-grow3', { membership: 'joint', ...grow3 }, 1626, 10933, 35, 's1,s2,s3'],
    ['raft-mem-single-grow3', { membership: 'single', ...grow3 }, 666, 4129, 35, 's1,s2,s3'],
    ['raft-mem-single-shrink3', { membership: 'single', ...shrink3 }, 3818, 28121, 42, 's2,s3'],
    ['raft-mem-joint-grow4', { membership: 'joint', ...grow4 }, 51601, 456165, 50, 's1,s2,s3,s4'],
  ] as const)('%s: every invariant holds, counts as TLC, the change completes', async (_, flags, distinct, generated, depth, voters) => {
    const m = model(flags);
    const r = await explore(m, { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(all);
    const b = build(flags);
    expect(await reaches(m, changedTo(b.config as RaftConfig, voters))).toBe(true);
  }, 600_000);

  it.each([
    // TLC row, mode, distinct, generated, depth
    ['raft-mem-joint-unlearn3', 'joint', 1962, 13056, 35],
    ['raft-mem-single-unlearn3', 'single', 1002, 6252, 35],
  ] as const)('%s: the learner may be removed instead of promoted; counts as TLC, both changes complete', async (_, membership, distinct, generated, depth) => {
    const flags = { membership, ...grow3, 'remove-learners': 's3' };
    const m = model(flags);
    const r = await explore(m, { deadlock: false });
    expect([r.verdict, r.distinct, r.generated, r.depth]).toEqual(['ok', distinct, generated, depth]);
    expect(r.witnesses).toEqual(all);
    const c = build(flags).config as RaftConfig;
    const unlearned = (g: G) => nodes(g).some((s) => configIndex(s.log) > 0 && configIndex(s.log) <= s.commitIndex && configOf(s, c).learners.length === 0 && configOf(s, c).voters.join(',') === 's1,s2');
    expect(await reaches(m, unlearned)).toBe(true);
    expect(await reaches(m, changedTo(c, 's1,s2,s3'))).toBe(true);
  }, 600_000);

  const swap4 = { servers: '4', membership: 'joint', voters: 's1,s2,s3', learners: 's4', 'max-term': '3', 'max-log': '1' };
  const learner4 = { ...swap4, targets: 's1,s2,s3,s4', 'max-term': '2', passive: 's3,s4' };

  it.each([
    // variant, flags, property, trace length
    ['no-joint-phase', { ...swap4, targets: 's3,s4', passive: 's2,s4' }, 'LeaderCompleteness', 26],
    ['learner-votes', learner4, 'LearnerNeverCounts', 10],
    ['learner-acks', { ...learner4, 'max-term': '3', passive: 's2,s3' }, 'LearnerNeverCounts', 17],
  ] as const)('%s is caught from the initial state', async (variant, flags, property, length) => {
    const r = await explore(model(flags, variant), { deadlock: false });
    expect([r.verdict, r.violation?.name, r.violation?.trace.length]).toEqual(['violation', property, length]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/raft-${variant}.txt`);
  }, 600_000);

  it("learner-votes without LearnerNeverCounts: a learner's vote elects a second leader of the term (ElectionSafety, 19 states)", async () => {
    const m = model(learner4, 'learner-votes');
    const { LearnerNeverCounts: _, ...others } = m.actionProperties;
    const r = await explore({ ...m, actionProperties: others }, { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual(['ElectionSafety', 19]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot('__traces__/raft-learner-votes-election-safety.txt');
  });

  it.each([
    // a configuration in force only once committed (not §6's rule): no violation, exhaustive
    ['MCRaftMembership.cfg', { membership: 'joint', ...shrink3 }, 9815, 73499, 42],
    ['raft-mem-joint-grow3', { membership: 'joint', ...grow3 }, 1597, 10370, 36],
    ['raft-mem-single-shrink3', { membership: 'single', ...shrink3 }, 5219, 36121, 41],
  ] as const)('in force once committed, %s: every invariant still holds', async (_, flags, distinct, generated, depth) => {
    const r = await explore(model(flags, null, (c) => ({ ...c, membership: { ...c.membership!, inForceOnCommit: true } })), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
  });

  it.each(['snapshots', 'sessions', 'prevote', 'checkquorum', 'transfer'])('--membership joint with --%s on is refused with one line', (flag) => {
    expect(() => build({ membership: 'joint', [flag]: 'on' })).toThrow(new RegExp(`^--membership joint and --${flag} on are not modelled together yet`));
  });
});
