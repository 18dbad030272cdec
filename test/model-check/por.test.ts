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
import { run } from '../cli/helpers.ts';

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
});
