// Raft with log compaction (`--snapshots on`, Snapshots = TRUE): exact counts equal to TLC's on the
// edited spec (tlc/settings.ts rows raft-snap-*), the snapshot paths reached, and the broken variants
// of issue 16 with their shortest traces (update traces with -u, review the diff).
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Global, Model, Tagged } from '../../src/core/index.ts';
import { raft, type RaftMessage, type Server } from '../../src/raft/index.ts';
import { play } from '../helpers/play.ts';

type G = Global<Server, RaftMessage>;
const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

function model(flags: Record<string, string>, variant: string | null = null): Model<G, Tagged> {
  const b = raft.build({ ...defaults, snapshots: 'on', ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<G, Tagged>;
}

/** Whether some reachable state satisfies `p` (its negation checked as the only invariant). */
async function reaches(m: Model<G, Tagged>, p: (g: G) => boolean): Promise<boolean> {
  const r = await explore({ ...m, invariants: { Never: (g: G) => !p(g) }, actionProperties: {} }, { deadlock: false });
  return r.verdict === 'violation';
}

/** Whether some reachable step satisfies `p` (its negation checked as the only action property). */
async function steps(m: Model<G, Tagged>, p: (g: G, h: G) => boolean): Promise<boolean> {
  const r = await explore({ ...m, invariants: {}, actionProperties: { Never: (g: G, h: G) => !p(g, h) } }, { deadlock: false });
  return r.verdict === 'violation';
}

const staleSnapshotInFlight = [
  'Timeout(s1)', 'RequestVote(s1, s1)', 'Receive(RequestVoteRequest s1->s1 term 2 last 0/0)', 'Receive(RequestVoteResponse s1->s1 term 2 granted)',
  'RequestVote(s1, s2)', 'Receive(RequestVoteRequest s1->s2 term 2 last 0/0)', 'Receive(RequestVoteRequest s1->s2 term 2 last 0/0)',
  'Receive(RequestVoteResponse s2->s1 term 2 granted)', 'BecomeLeader(s1)', 'ClientRequest(s1, v1)', 'AppendEntries(s1, s2)',
  'Receive(AppendEntriesRequest s1->s2 term 2 prev 0/0 entries [2:v1] commit 0)', 'Receive(AppendEntriesRequest s1->s2 term 2 prev 0/0 entries [2:v1] commit 0)',
  'Timeout(s2)', 'Receive(AppendEntriesResponse s2->s1 term 2 success match 1)', 'AdvanceCommitIndex(s1)', 'TakeSnapshot(s1)',
  'RequestVote(s2, s3)', 'Receive(RequestVoteRequest s2->s3 term 3 last 1/2)', 'Receive(RequestVoteRequest s2->s3 term 3 last 1/2)',
  'Receive(RequestVoteResponse s3->s2 term 3 granted)', 'InstallSnapshot(s1, s3)',
];

const all = { LeaderElected: true, EntryCommitted: true, FollowerCommitted: true, EntryEverywhere: true };
const passive = { servers: '3', 'max-term': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's2,s3' };

describe('Raft with snapshots', () => {
  it.each([
    // TLC row, flags, distinct, generated, depth
    ['raft-snap-t2l1', { 'max-term': '2', 'max-log': '1' }, 1945, 15161, 30],
    ['raft-snap-t2l2', { 'max-term': '2' }, 4775, 37491, 37],
    ['raft-snap-3s-passive', { ...passive, 'max-log': '1' }, 1394, 10596, 31],
    ['raft-snap-3s-l2-passive', { ...passive, 'max-log': '2' }, 17536, 141304, 41],
  ] as const)('%s: every invariant holds, counts as TLC', async (_, flags, distinct, generated, depth) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(all);
  });

  it('reaches a compacted leader, an InstallSnapshotRequest in flight, and a step where a follower installs it', async () => {
    const m = model({ ...passive, 'max-log': '1' });
    const nodes = (g: G) => Object.values(g.nodes);
    expect(await reaches(m, (g) => nodes(g).some((s) => s.state === 'Leader' && (s.snapshot?.index ?? 0) > 0))).toBe(true);
    expect(await reaches(m, (g) => g.network.some((e) => e[1].type === 'InstallSnapshotRequest'))).toBe(true);
    // A snapshot past the server's own commit index can only be installed (TakeSnapshot stops at it).
    const snap = (g: G) => g.nodes['s3']?.snapshot?.index ?? 0;
    expect(await steps(m, (g, h) => snap(h) > (g.nodes['s3']?.commitIndex ?? 0))).toBe(true);
  });

  it.each([
    // variant, flags, invariant, trace length
    ['snapshot-past-commit', { 'max-term': '2', 'max-log': '1' }, 'SnapshotCommitted', 12],
    ['discard-log-on-install-snapshot', { 'max-term': '2', 'max-msgs': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off' }, 'CommittedOnQuorum', 28],
  ] as const)('%s is caught from the initial state', async (variant, flags, invariant, length) => {
    const r = await explore(model(flags, variant), { deadlock: false });
    expect(r.verdict).toBe('violation');
    expect(r.violation?.name).toBe(invariant);
    expect(r.violation?.trace.length).toBe(length);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/raft-${variant}.txt`);
  });

  const three = { servers: '3', passive: 's3', 'max-term': '3', 'max-log': '1', 'max-restarts': '0', drop: 'off', duplicate: 'off' };

  it('snapshot-past-commit without SnapshotCommitted: the server then takes its snapshot for committed (CommittedOnQuorum, 24 states)', async () => {
    const m = model(three, 'snapshot-past-commit');
    const { SnapshotCommitted: _, ...others } = m.invariants;
    const r = await explore({ ...m, invariants: others }, { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual(['CommittedOnQuorum', 24]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot('__traces__/raft-snapshot-past-commit-committed-on-quorum.txt');
  });

  it('install-snapshot-from-stale-term keeps every safety invariant: a stale snapshot holds committed entries only', async () => {
    // s1 leads term 2, commits its entry with s2 and compacts it; s2 starts term 3 with s3's vote; s1's
    // InstallSnapshotRequest of term 2 reaches s3 (of term 3) next: the step the variant gets wrong.
    const m = model(three, 'install-snapshot-from-stale-term');
    const start = play(m, staleSnapshotInFlight);
    const install = 'Receive(InstallSnapshotRequest s1->s3 term 2 last 1/2 state [v1])';
    const after = play(m, [...staleSnapshotInFlight, install]);
    expect([start.nodes['s3']?.currentTerm, start.nodes['s3']?.snapshot?.index, after.nodes['s3']?.snapshot?.index]).toEqual([3, 0, 1]);
    const r = await explore({ ...m, init: () => [start] }, { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 79, generated: 528, depth: 19 });
  });
});
