// Raft with PreVote and CheckQuorum (`--prevote on`, `--checkquorum on`; thesis §9.6): exact counts equal
// to TLC's on the edited spec (tlc/settings.ts rows raft-prevote-t2l2, raft-pvcq-t2l2), a pre-vote denied
// for word from a leader, a leader stepping down and a RequestVote ignored in a lease in some step, and
// NoDisruptiveTermRaise caught with its shortest trace without the pre-vote.
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Global, Model, Tagged } from '../../src/core/index.ts';
import { raft, type RaftMessage, type Server } from '../../src/raft/index.ts';

type G = Global<Server, RaftMessage>;
const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

function model(flags: Record<string, string>, variant: string | null = null): Model<G, Tagged> {
  const b = raft.build({ ...defaults, prevote: 'on', ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<G, Tagged>;
}

const all = { LeaderElected: true, EntryCommitted: true, FollowerCommitted: true, EntryEverywhere: true };

describe('Raft with PreVote', () => {
  it('raft-prevote-t2l2: every invariant and NoDisruptiveTermRaise hold, counts as TLC', async () => {
    const m = model({ 'max-term': '2' });
    expect(Object.keys(m.actionProperties)).toContain('NoDisruptiveTermRaise');
    const r = await explore(m, { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 24685, generated: 200661, depth: 53 });
    expect(r.witnesses).toEqual(all);
  });

  it('reaches a step where a follower that heard from its leader denies a pre-vote', async () => {
    const m = model({ 'max-term': '2' });
    const denied = (g: G, h: G): boolean =>
      h.network.some(([, x]) => x.type === 'PreVoteResponse' && !x.voteGranted && !g.network.some(([, y]) => y === x) && g.nodes[x.source]?.heardFromLeader === true);
    const r = await explore({ ...m, invariants: {}, actionProperties: { Never: (g: G, h: G) => !denied(g, h) } }, { deadlock: false });
    expect(r.verdict).toBe('violation');
  });

  it('timeout-without-prevote is caught by NoDisruptiveTermRaise: a follower cut off from its live leader raises the term (13 states)', async () => {
    const m = model({}, 'timeout-without-prevote');
    const r = await explore({ ...m, invariants: {}, actionProperties: { NoDisruptiveTermRaise: m.actionProperties['NoDisruptiveTermRaise'] as (g: G, h: G) => boolean } }, { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual(['NoDisruptiveTermRaise', 13]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot('__traces__/raft-timeout-without-prevote.txt');
  });

  it('raft-pvcq-t2l2: with CheckQuorum too, every invariant and NoDisruptiveTermRaise hold, counts as TLC', async () => {
    const r = await explore(model({ checkquorum: 'on', 'max-term': '2' }), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 46911, generated: 382315, depth: 55 });
    expect(r.witnesses).toEqual(all);
  });

  it('without PreVote, CheckQuorum alone does not keep NoDisruptiveTermRaise (13 states, the same route)', async () => {
    const m = model({ prevote: 'off', checkquorum: 'on' });
    const r = await explore({ ...m, invariants: {}, actionProperties: { NoDisruptiveTermRaise: m.actionProperties['NoDisruptiveTermRaise'] as (g: G, h: G) => boolean } }, { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual(['NoDisruptiveTermRaise', 13]);
  });

  it.each([
    ['a leader with no answer from a quorum steps down (CheckLeaderQuorum)', { 'max-term': '2' }, (g: G, h: G): boolean =>
      Object.keys(g.nodes).some((i) => g.nodes[i]?.state === 'Leader' && h.nodes[i]?.state === 'Follower' && g.nodes[i]?.currentTerm === h.nodes[i]?.currentTerm)],
    // (no pre-vote: with it, no one in a lease ever sees a RequestVote of a higher term at these bounds)
    ['a server in a lease drops a RequestVote of a higher term, its term unchanged', { prevote: 'off' }, (g: G, h: G): boolean =>
      g.network.some(([, x]) => x.type === 'RequestVoteRequest' && x.term > (g.nodes[x.dest]?.currentTerm ?? 0) && !h.network.some(([, y]) => y === x) &&
        h.nodes[x.dest]?.currentTerm === g.nodes[x.dest]?.currentTerm)],
  ] as const)('reaches a step where %s', async (_, flags, step) => {
    // No drop and no restart: either would also take such a step.
    const m = model({ checkquorum: 'on', drop: 'off', 'max-restarts': '0', ...flags });
    const r = await explore({ ...m, invariants: {}, actionProperties: { Never: (g: G, h: G) => !step(g, h) } }, { deadlock: false });
    expect(r.verdict).toBe('violation');
  });

  it('--prevote on with --snapshots on is refused (not modelled together yet)', () => {
    expect(() => raft.build({ ...defaults, prevote: 'on', snapshots: 'on' }, null)).toThrow(/not modelled together/);
    expect(() => raft.build({ ...defaults, prevote: 'off', checkquorum: 'on', snapshots: 'on' }, null)).toThrow(/not modelled together/);
  });
});
