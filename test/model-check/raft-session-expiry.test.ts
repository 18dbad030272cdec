// Session expiry in the Raft model (`--sessions on --session-timeout N`, SessionTimeout; thesis §6.3):
// entries carry the leader's clock, sessions expire by those times, so every replica expires the same
// ones; a command of an expired session is rejected and never applied. Counts equal TLC's (tlc/settings.ts
// row raft-sess-expiry-t2l1), and the variant that expires by each replica's own clock is caught.
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Global, Model, Tagged } from '../../src/core/index.ts';
import { raft, type RaftMessage, type Server } from '../../src/raft/index.ts';

type G = Global<Server, RaftMessage>;
const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));
const expiry = { sessions: 'on', 'max-term': '2', 'max-log': '1', 'session-timeout': '0', 'max-clock': '1' };

function model(flags: Record<string, string>, variant: string | null = null): Model<G, Tagged> {
  const b = raft.build({ ...defaults, ...expiry, ...flags }, variant);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  return compose(b.protocol, b.config, b.network) as unknown as Model<G, Tagged>;
}

async function steps(m: Model<G, Tagged>, p: (g: G, h: G) => boolean): Promise<boolean> {
  const r = await explore({ ...m, invariants: {}, actionProperties: { Never: (g: G, h: G) => !p(g, h) } }, { deadlock: false });
  return r.verdict === 'violation';
}

const all = { LeaderElected: true, EntryCommitted: true, FollowerCommitted: true, EntryEverywhere: true };

describe('Raft with session expiry', () => {
  it('raft-sess-expiry-t2l1: timeout 0, clocks up to 1: every invariant holds, counts as TLC', async () => {
    const r = await explore(model({}), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 8156, generated: 80625, depth: 31 });
    expect(r.witnesses).toEqual(all);
  });

  it('reaches a step where a command of an expired session is rejected (applied nowhere)', async () => {
    const rejected = (g: G, h: G): boolean =>
      Object.keys(g.nodes).some((i) => {
        const [a, b] = [g.nodes[i]?.sm, h.nodes[i]?.sm];
        return a !== undefined && b !== undefined && b.lastApplied === a.lastApplied + 1 && b.sessions['c1']?.expired === true && b.applied.length === a.applied.length;
      });
    expect(await steps(model({ 'max-log': '2' }), rejected)).toBe(true);
  });

  it('expire-by-local-time: replicas expire different sessions (SessionsAgree, 21 states)', async () => {
    const r = await explore(model({}, 'expire-by-local-time'), { deadlock: false });
    expect([r.violation?.name, r.violation?.trace.length]).toEqual(['SessionsAgree', 21]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot('__traces__/raft-expire-by-local-time.txt');
  });

  it('without --session-timeout, sessions have no expiry fields and servers no clock', () => {
    const b = raft.build({ ...defaults, sessions: 'on' }, null);
    if (b.kind !== 'node') throw new Error('node');
    const s = b.protocol.init('s1', b.config) as Server;
    expect(['clock' in s, s.sm?.sessions['c1']]).toEqual([false, { seq: 0, response: 0 }]);
  });
});
