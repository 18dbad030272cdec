// Multi-Paxos where the leader changes, explored from Init: two replicas that may both lead (a quorum is
// both of them; MaxMsgs 2 fits an Accept's two answers). Exact counts (TLC's: tlc/settings.ts rows
// multipaxos-2r-*), a leader change reached after the old leader's proposal was accepted, and each
// broken variant caught from Init with its shortest trace pinned (update with -u, review the diff).
import { describe, expect, it } from 'vitest';
import { compose, explore, formatTrace } from '../../model-check/index.ts';
import type { Model, Tagged } from '../../src/core/index.ts';
import { multipaxos, type MpGlobal, type Replica } from '../../src/multipaxos/index.ts';

const twoLeaders: Record<string, string> = { replicas: '2', commands: '1', candidates: 'all', 'max-round': '0', 'max-slot': '1', 'max-dup': '1', 'max-msgs': '2', drop: 'off', duplicate: 'off', restart: 'off' };

function model(flags: Record<string, string>, variant: string | null = null): Model<MpGlobal, Tagged> {
  const b = multipaxos.build({ ...twoLeaders, ...flags }, variant);
  if (b.kind !== 'node') throw new Error('multipaxos builds a node-level protocol');
  const m = compose(b.protocol, b.config, b.network) as unknown as Model<MpGlobal, Tagged>;
  // A leader whose ballot is not that of a vote some acceptor holds: leadership changed hands after a proposal was accepted.
  const replicas = Object.keys((m.init()[0] as MpGlobal).nodes);
  const LeaderChanged = (g: MpGlobal): boolean =>
    replicas.some((i) => {
      const s = g.nodes[i] as Replica;
      return s.role === 'Leader' && replicas.some((j) => (g.nodes[j] as Replica).accepted.some((v) => v.bal.leader !== i));
    });
  return { ...m, witnesses: { ...m.witnesses, LeaderChanged } };
}

describe('Multi-Paxos with a leader change', () => {
  it.each([
    // name, flags, distinct, generated, depth
    ['2 replicas, both candidates, 1 command', {}, 9562, 58822, 41],
    ['2 replicas, both candidates, 2 commands (TLC row multipaxos-2r-leaderchange)', { commands: '2' }, 19383, 143460, 41],
    ['the same with 1 command, drops and restarts (TLC row multipaxos-2r-faults)', { drop: 'on', restart: 'on' }, 182602, 1666319, 44],
  ] as const)('%s', async (_, flags, distinct, generated, depth) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual({ LeaderElected: true, CommandExecuted: true, LeaderChanged: true });
  }, 600_000);

  it.each([
    // variant, property broken, shortest trace from Init (states)
    ['skip-reproposal', 'DecisionStable', 32],
    ['skip-phase1', 'DecisionStable', 20],
    ['same-ballot-leaders', 'DecisionStable', 32],
  ] as const)('%s is caught from Init', async (variant, name, length) => {
    const r = await explore(model({ commands: '2' }, variant), { deadlock: false });
    expect([r.verdict, r.violation?.name, r.violation?.trace.length]).toEqual(['violation', name, length]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/multipaxos-${variant}-init.txt`);
  }, 600_000);
});
