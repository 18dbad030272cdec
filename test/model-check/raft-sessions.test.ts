// Raft with client sessions (`--sessions on`, Sessions = TRUE; thesis §6.3): exact counts equal to
// TLC's on the edited spec (tlc/settings.ts rows raft-sess-*), a duplicate answered from the session
// table in some state, and the variant without a session table caught with its shortest trace.
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Global, Model, Tagged } from '../../src/core/index.ts';
import { raft, type RaftMessage, type Server } from '../../src/raft/index.ts';

type G = Global<Server, RaftMessage>;
const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

function model(flags: Record<string, string>, variant: string | null = null): Model<G, Tagged> {
  const b = raft.build({ ...defaults, sessions: 'on', 'max-term': '2', ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<G, Tagged>;
}

const all = { LeaderElected: true, EntryCommitted: true, FollowerCommitted: true, EntryEverywhere: true };

describe('Raft with client sessions', () => {
  it.each([
    // TLC row, flags, distinct, generated, depth
    ['raft-sess-t2l2: 1 client, seq 1 (every entry after the first is a retry)', {}, 3573, 28943, 36],
    ['raft-sess-t2l2-seq2: 1 client, seq 1..2', { 'max-seq': '2' }, 9405, 82913, 36],
  ] as const)('%s: every invariant holds, counts as TLC', async (_, flags, distinct, generated, depth) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual(all);
  });

  it('reaches a step where a server answers a retried command from its session table', async () => {
    const m = model({});
    const answered = (g: G, h: G): boolean =>
      Object.keys(g.nodes).some((i) => {
        const [a, b] = [g.nodes[i]?.sm, h.nodes[i]?.sm];
        return a !== undefined && b !== undefined && b.lastApplied === a.lastApplied + 1 && b.applied.length === a.applied.length;
      });
    const r = await explore({ ...m, invariants: {}, actionProperties: { Never: (g: G, h: G) => !answered(g, h) } }, { deadlock: false });
    expect(r.verdict).toBe('violation');
  });

  it.each([
    ['NoCommandAppliedTwice', 'raft-no-session-table.txt'],
    ['ResponsesMatch', null],
  ] as const)('no-session-table is caught by %s: the retried command is applied twice (23 states)', async (invariant, file) => {
    const m = model({}, 'no-session-table');
    const r = await explore({ ...m, invariants: { [invariant]: m.invariants[invariant] as (g: G) => boolean } }, { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual([invariant, 23]);
    if (file !== null) await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/${file}`);
  });

  it('--sessions on with --snapshots on is refused (not modelled together yet)', () => {
    expect(() => raft.build({ ...defaults, sessions: 'on', snapshots: 'on' }, null)).toThrow(/not modelled together/);
  });
});
