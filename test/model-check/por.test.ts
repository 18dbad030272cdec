// `check --por` (model-check/por/bfs.ts): on correct protocols the same states, depth and witnesses
// as BFS with fewer transitions hashed (exact counts); every variant the suite catches by BFS is still
// caught with a shortest trace; the CLI refuses what sleep sets are not argued for.
import { describe, expect, it } from 'vitest';
import { compose, explore } from '../../model-check/index.ts';
import { explorePor, type PorOptions } from '../../model-check/por/bfs.ts';
import type { Checkable, Model, Tagged } from '../../src/core/index.ts';
import { basicpaxos } from '../../src/basicpaxos/index.ts';
import { raft } from '../../src/raft/index.ts';
import { twoPhase } from '../../src/twophase/index.ts';
import { multipaxos } from '../../src/multipaxos/index.ts';
import { cli, expectUsageError } from '../cli/helpers.ts';

type Flags = Record<string, string>;
const defaultsOf = (p: Checkable): Flags => Object.fromEntries(p.constants.map((k) => [k.flag, k.default]));

function node(p: Checkable, flags: Flags, variant: string | null = null, speed = true): Model<unknown, Tagged> {
  const b = p.build({ ...defaultsOf(p), ...flags }, variant);
  if (b.kind !== 'node') throw new Error(`${p.name} builds no node-level protocol`);
  return compose(b.protocol, b.config, b.network, { speed }) as unknown as Model<unknown, Tagged>;
}

// Basic Paxos rows as basicpaxos.test.ts pins them: MCBasicPaxos.cfg's bounds.
const bp = { proposers: '2', acceptors: '3', learners: '1', values: '2', quorums: 'majority', 'max-round': '0', 'max-dup': '1', 'max-msgs': '1', drop: 'on', duplicate: 'off', restart: 'off' };
const membership = { 'max-term': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off', 'max-log': '2', passive: 's2,s3', servers: '3' };
const twophase = (rms: number): Model<unknown, Tagged> =>
  compose(twoPhase, { rms: Array.from({ length: rms }, (_, k) => `rm${k + 1}`) }, { network: 'set', drop: false, duplicate: false, restart: false }) as unknown as Model<unknown, Tagged>;

describe('partial-order reduction (sleep sets)', () => {
  it.each([
    // name, model, options, distinct, generated without, generated with, depth
    ['raft setting A (spec/MCRaft.cfg)', () => node(raft, {}), {}, 46741, 371911, 315516, 46],
    ['raft, MaxTerm 2, MaxLogLen 1', () => node(raft, { 'max-term': '2', 'max-log': '1' }), {}, 1657, 12969, 11165, 28],
    ['the same without the speed layer', () => node(raft, { 'max-term': '2', 'max-log': '1' }, null, false), {}, 1657, 12969, 11165, 28],
    ['the same, asleep transitions not computed (siblings only: the constraint)', () => ({ ...node(raft, { 'max-term': '2', 'max-log': '1' }), actionProperties: {} }), { carry: false }, 1657, 12969, 11915, 28],
    ['raft, MaxTerm 2, MaxLogLen 1, MaxDrops 1 (a counter in the constraint)', () => node(raft, { 'max-term': '2', 'max-log': '1', 'max-drops': '1' }), {}, 2533, 19247, 16639, 29],
    ['raft-mem-single-shrink3', () => node(raft, { ...membership, membership: 'single', targets: 's2,s3' }), {}, 3818, 28121, 26073, 42],
    ['basic paxos nodes, MCBasicPaxos.cfg (AcceptNotBelowPromise on asleep transitions too)', () => node(basicpaxos, bp), {}, 25529, 240065, 220307, 35],
    ['two-phase commit, 4 resource managers', () => twophase(4), {}, 1568, 8258, 4000, 14],
  ] as const)('%s: the same states, depth and witnesses, fewer generated', async (_, make, opts, distinct, without, generated, depth) => {
    const plain = await explore(make(), { deadlock: false });
    const por = await explorePor(make(), { deadlock: false, ...(opts as PorOptions) });
    expect([plain.verdict, plain.distinct, plain.generated, plain.depth]).toEqual(['ok', distinct, without, depth]);
    expect([por.verdict, por.distinct, por.generated, por.depth]).toEqual(['ok', distinct, generated, depth]);
    expect(por.witnesses).toEqual(plain.witnesses);
    expect(por.slept).toBeGreaterThan(0);
  }, 600_000);

  const noFaults = { servers: '3', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's2' };
  const swap4 = { ...membership, servers: '4', membership: 'joint', voters: 's1,s2,s3', learners: 's4', 'max-term': '3', 'max-log': '1' };
  const learner4 = { ...swap4, targets: 's1,s2,s3,s4', 'max-term': '2', passive: 's3,s4' };
  const twoLeaders = { replicas: '2', commands: '2', candidates: 'all', 'max-round': '0', 'max-slot': '1', 'max-dup': '1', 'max-msgs': '2', drop: 'off', duplicate: 'off', restart: 'off' };
  const only = (m: Model<unknown, Tagged>, name: string): Model<unknown, Tagged> => ({ ...m, invariants: {}, actionProperties: { [name]: m.actionProperties[name] as (s: unknown, t: unknown) => boolean } });

  it.each([
    // the suite's file, variant, model, property, shortest trace length
    ['raft', 'forget-vote-on-restart', () => node(raft, { servers: '3', 'max-term': '2', 'max-log': '0', drop: 'off', duplicate: 'off' }, 'forget-vote-on-restart'), 'ElectionSafety', 19],
    ['raft', 'vote-without-log-check', () => node(raft, { ...noFaults, 'max-term': '3', 'max-log': '1' }, 'vote-without-log-check'), 'LeaderCompleteness', 26],
    ['raft-snapshots', 'snapshot-past-commit', () => node(raft, { snapshots: 'on', 'max-term': '2', 'max-log': '1' }, 'snapshot-past-commit'), 'SnapshotCommitted', 12],
    ['raft-snapshots', 'discard-log-on-install-snapshot', () => node(raft, { snapshots: 'on', 'max-term': '2', 'max-msgs': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off' }, 'discard-log-on-install-snapshot'), 'CommittedOnQuorum', 28],
    ['raft-prevote', 'timeout-without-prevote', () => only(node(raft, { prevote: 'on' }, 'timeout-without-prevote'), 'NoDisruptiveTermRaise'), 'NoDisruptiveTermRaise', 13],
    ['raft-membership', 'no-joint-phase', () => node(raft, { ...swap4, targets: 's3,s4', passive: 's2,s4' }, 'no-joint-phase'), 'LeaderCompleteness', 26],
    ['raft-membership', 'learner-votes', () => node(raft, learner4, 'learner-votes'), 'LearnerNeverCounts', 10],
    ['raft-membership', 'learner-acks', () => node(raft, { ...learner4, 'max-term': '3', passive: 's2,s3' }, 'learner-acks'), 'LearnerNeverCounts', 17],
    ['basicpaxos', 'one-phase', () => node(basicpaxos, bp, 'one-phase'), 'Consistency', 15],
    ['basicpaxos', 'ignore-reported-vote', () => node(basicpaxos, bp, 'ignore-reported-vote'), 'Consistency', 27],
    ['basicpaxos', 'forget-promise-on-restart', () => node(basicpaxos, { ...bp, restart: 'on', drop: 'off' }, 'forget-promise-on-restart'), 'VoteWithinPromise', 11],
    ['basicpaxos', 'round-only-ballots', () => node(basicpaxos, bp, 'round-only-ballots'), 'OneValuePerBallot', 15],
    ['multipaxos-leaderchange', 'skip-phase1', () => node(multipaxos, twoLeaders, 'skip-phase1'), 'DecisionStable', 20],
  ] as const)('%s: %s is still caught, with a shortest trace', async (_, __, make, name, length) => {
    const r = await explorePor(make(), { deadlock: false });
    expect([r.verdict, r.violation?.name, r.violation?.trace.length]).toEqual(['violation', name, length]);
  }, 600_000);

  it('check --por prints the sleep-set counts; --json gives the same distinct and depth as without', () => {
    const flags = ['check', 'raft', '--max-term', '2', '--max-log', '1'];
    const r = cli(...flags, '--por');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^1,657 distinct states, 11,165 generated, depth 28,/m);
    expect(r.out).toMatch(/^Sleep sets: 1,804 transitions asleep/m);
    const j = JSON.parse(cli(...flags, '--por', '--json').out) as { distinct: number; generated: number; depth: number };
    expect([j.distinct, j.generated, j.depth]).toEqual([1657, 11165, 28]);
  }, 120_000);

  it.each([
    [['check', 'paxos', '--por'], /--por needs a node-level protocol .*paxos is a spec-level model/],
    [['check', 'raft', '--por', '--symmetry'], /--por and symmetry/],
    [['check', 'raft', '--por', '--workers', '2'], /--por runs in one thread: --workers 2/],
    [['check', 'raft', '--por', '--simulate', '5'], /not with --simulate/],
    [['check', 'raft', '--por', '--dfs', '5'], /not with --dfs/],
    [['check', 'raft', '--por', '--search', 'iddfs'], /not with --search/],
    [['check', 'raft', '--por', '--property', 'all'], /--por checks invariants only/],
    [['check', 'basicpaxos', '--por'], /add --no-action-property RefinesPaxos/],
  ])('check %j is refused with the reason (exit 2)', (args, pattern) => {
    expectUsageError(cli(...args), pattern);
  }, 120_000);
});
