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
    ['1 command, hand-off on (TLC row multipaxos-2r-handoff)', { 'hand-off': 'on' }, 12592, 92946, 41],
  ] as const)('%s', async (_, flags, distinct, generated, depth) => {
    const r = await explore(model(flags), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct, generated, depth });
    expect(r.witnesses).toEqual({ LeaderElected: true, CommandExecuted: true, LeaderChanged: true });
  }, 600_000);

  it('a leader hands off: r2 takes over in the smallest ballot above r1\'s, and r1 steps down at its next Accept (§3)', () => {
    const m = model({ 'hand-off': 'on' });
    const names = ['StartElection(r1)', 'SendPrepare(r1, r1)', 'Receive(Prepare r1->r1', 'Receive(Promise r1->r1', 'SendPrepare(r1, r2)', 'Receive(Prepare r1->r2', 'Receive(Promise r2->r1',
      'SendHandOff(r1, r2)', 'Receive(HandOff r1->r2', 'SendPrepare(r2, r2)', 'Receive(Prepare r2->r2', 'Receive(Promise r2->r2', 'SendPrepare(r2, r1)', 'Receive(Prepare r2->r1', 'Receive(Promise r1->r2'];
    let g = m.init()[0] as MpGlobal;
    for (const p of names) {
      const a = m.actions(g).find((x) => m.describe(x).startsWith(p) && m.next(g, x) !== null);
      if (a === undefined) throw new Error(`not enabled: ${p}`);
      g = m.next(g, a) as MpGlobal;
    }
    const r2 = g.nodes['r2'] as Replica;
    expect([r2.role, r2.ballot]).toEqual(['Leader', { round: 0, leader: 'r2' }]);
    expect(m.actions(g).some((x) => m.describe(x).startsWith('SendHandOff(r1') && m.next(g, x) !== null)).toBe(true); // r1 still thinks it leads
  });

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
