// Raft with ReadIndex reads (`--readindex on`, ReadIndex = TRUE; thesis §6.4): exact counts equal to TLC's
// on the edited spec (tlc/settings.ts rows raft-read-*), reads confirmed and answered in some state, and
// the variant that answers without the confirmation round caught: a deposed leader returns a stale value.
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Global, Model, Tagged } from '../../src/core/index.ts';
import { raft, type RaftMessage, type Server } from '../../src/raft/index.ts';
import { play } from '../helpers/play.ts';

type G = Global<Server, RaftMessage>;
const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

function model(flags: Record<string, string>, variant: string | null = null): Model<G, Tagged> {
  const b = raft.build({ ...defaults, readindex: 'on', 'max-term': '2', ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<G, Tagged>;
}

/** s1 elected in term 2 by s2, its entry replicated to s2 and committed: 18 correct steps. */
const s1Committed = [
  'Timeout(s1)', 'RequestVote(s1, s1)', 'Receive(RequestVoteRequest s1->s1 term 2 last 0/0)', 'Receive(RequestVoteResponse s1->s1 term 2 granted)',
  'RequestVote(s1, s2)', 'Receive(RequestVoteRequest s1->s2 term 2 last 0/0)', 'Receive(RequestVoteRequest s1->s2 term 2 last 0/0)',
  'Receive(RequestVoteResponse s2->s1 term 2 granted)', 'BecomeLeader(s1)', 'ClientRequest(s1, v1)', 'AppendEntries(s1, s2)',
  'Receive(AppendEntriesRequest s1->s2 term 2 prev 0/0 entries [2:v1] commit 0)', 'Receive(AppendEntriesRequest s1->s2 term 2 prev 0/0 entries [2:v1] commit 0)',
  'Receive(AppendEntriesResponse s2->s1 term 2 success match 1)', 'AdvanceCommitIndex(s1)',
];

/** Then s2 elected in term 3 by s3 (which s1 also brought up to date), its entry committed: 20 more steps. s1 still leads term 2. */
const s2Committed = [
  ...s1Committed, 'AppendEntries(s1, s3)', 'Timeout(s2)',
  ...Array<string>(3).fill('Receive(AppendEntriesRequest s1->s3 term 2 prev 0/0 entries [2:v1] commit 1)'),
  'Receive(AppendEntriesResponse s3->s1 term 2 success match 1)', 'RequestVote(s2, s2)', 'Receive(RequestVoteRequest s2->s2 term 3 last 1/2)',
  'Receive(RequestVoteResponse s2->s2 term 3 granted)', 'RequestVote(s2, s3)', 'Receive(RequestVoteRequest s2->s3 term 3 last 1/2)',
  'Receive(RequestVoteRequest s2->s3 term 3 last 1/2)', 'Receive(RequestVoteResponse s3->s2 term 3 granted)', 'BecomeLeader(s2)',
  'ClientRequest(s2, v1)', 'AppendEntries(s2, s3)', 'Receive(AppendEntriesRequest s2->s3 term 3 prev 1/2 entries [3:v1] commit 0)',
  'Receive(AppendEntriesRequest s2->s3 term 3 prev 1/2 entries [3:v1] commit 0)', 'Receive(AppendEntriesResponse s3->s2 term 3 success match 2)',
  'AdvanceCommitIndex(s2)',
];

const all = { LeaderElected: true, EntryCommitted: true, FollowerCommitted: true, EntryEverywhere: true };
const threeServers = { servers: '3', 'max-term': '3', 'max-log': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's3' };

/** Some step of the model satisfies p (explored with p's negation as the only property). */
async function steps(m: Model<G, Tagged>, p: (g: G, h: G) => boolean): Promise<boolean> {
  const r = await explore({ ...m, invariants: {}, actionProperties: { Never: (g: G, h: G) => !p(g, h) } }, { deadlock: false });
  return r.verdict === 'violation';
}

describe('Raft with ReadIndex', () => {
  it.each([
    // TLC row, flags, distinct, generated, depth
    ['raft-read-t2l1: MaxTerm 2, MaxLogLen 1, one read per server', { 'max-log': '1' }, 2095, 16711, 32],
    ['raft-read-t2l2-r2: MaxTerm 2, MaxLogLen 2, two reads per server', { 'max-reads': '2' }, 8277, 71205, 42],
  ] as const)('%s: every invariant and action property holds, counts as TLC', async (_, flags, distinct, generated, depth) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(all);
  });

  it('reaches a read confirmed by a quorum and answered', async () => {
    const m = model({ 'max-reads': '2' });
    const answered = (g: G, h: G): boolean => Object.keys(g.nodes).some((i) => g.nodes[i]?.read?.pending === true && h.nodes[i]?.read?.pending === false && h.nodes[i]?.state === 'Leader');
    expect(await steps(m, answered)).toBe(true);
  });

  it('read-without-confirmation: a deposed leader answers a stale read (23 states after s1 committed its entry)', async () => {
    const m = model(threeServers, 'read-without-confirmation');
    const start = play(m, s1Committed);
    const r = await explore({ ...m, init: () => [start] }, { deadlock: false });
    expect(s1Committed.length).toBe(15);
    expect([r.violation?.name, r.violation?.trace.length]).toEqual(['ReadsLinearizable', 23]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot('__traces__/raft-read-without-confirmation.txt');
  });

  it('the correct protocol: s1, deposed without knowing it, starts a read after s2 committed and never answers it stale', async () => {
    const m = model(threeServers);
    const start = play(m, s2Committed);
    expect([s2Committed.length, start.nodes['s1']?.state, start.nodes['s2']?.acknowledged]).toEqual([35, 'Leader', 2]);
    const r = await explore({ ...m, init: () => [start] }, { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 8586, generated: 85341, depth: 22 });
    // the stale read does begin there: s1 may start a read after s2's write was acknowledged
    expect(m.actions(start).some((a) => m.describe(a) === 'ReadIndexStart(s1, 2)' && m.next(start, a) !== null)).toBe(true);
  });

  it("without --readindex a server has no read and no acknowledged field (MCRaft.cfg's counts: raft.test.ts)", () => {
    const b = raft.build({ ...defaults }, null);
    if (b.kind !== 'node') throw new Error('node');
    const s = b.protocol.init('s1', b.config) as Server;
    expect('read' in s || 'acknowledged' in s).toBe(false);
  });
});
