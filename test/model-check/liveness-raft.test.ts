// Raft liveness: with no faults and weak fairness alone, elections can fail for ever (Raft §5.2:
// "split votes could repeat indefinitely" without randomised timeouts); under stable timers a leader
// is elected and a submitted value committed. Settings: spec/MCRaftLive-*.cfg (TLC: the same counts).
import { describe, expect, it } from 'vitest';
import { compose } from '../../model-check/index.ts';
import { checkLiveness, withLiveness } from '../../model-check/liveness/index.ts';
import type { Global, Model, Tagged } from '../../src/core/index.ts';
import { raft, type RaftConfig, type RaftMessage, type Server } from '../../src/raft/index.ts';
import { replayLasso } from '../helpers/lasso.ts';

type G = Global<Server, RaftMessage>;
const flags = (maxLog: string) => ({ servers: '2', values: '1', 'max-term': '2', 'max-log': maxLog, 'max-dup': '1', 'max-msgs': '1', 'max-restarts': '0', passive: 'none', 'max-drops': 'none', 'max-dups': 'none', drop: 'off', duplicate: 'off', history: 'off', 'max-append': '1', 'reject-hint': 'off', transfer: 'off' });
function modelOf(maxLog: string): { m: Model<G, Tagged>; c: RaftConfig } {
  const b = raft.build(flags(maxLog), null);
  if (b.kind !== 'node') throw new Error('raft builds a node-level protocol');
  const c = b.config as RaftConfig;
  return { m: withLiveness(compose(b.protocol, c, b.network), b.protocol, c) as unknown as Model<G, Tagged>, c };
}

describe('Raft liveness (docs/liveness.md)', () => {
  it('no faults, weak fairness: a 13-state lasso back to state 3 in which no leader is ever elected (TLC: violated, 1,525 states)', async () => {
    const { m, c } = modelOf('0');
    const p = checkLiveness(m, { properties: ['EventuallyLeader'] }).properties[0];
    expect(p?.holds).toBe(false);
    expect(p?.distinct).toBe(1525);
    expect(p?.lasso?.trace.length).toBe(13);
    expect(p?.lasso?.backTo).toBe(3);
    const lines = [...(p?.lasso?.trace ?? []).map((t, k) => `${k + 1}: ${t.action ?? '<Initial state>'}`), `14: Back to state 3: ${p?.lasso?.back}`];
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('__traces__/raft-no-leader-lasso.txt');
    // A real behaviour: replayed without the view, every lap raises the terms and elects nobody.
    const laps = replayLasso(m, p!.lasso!, 3);
    expect(laps.map((g) => Math.max(...c.servers.map((i) => (g.nodes[i] as Server).currentTerm)))).toEqual([2, 6, 10, 14]); // each lap, each server times out twice
    for (const g of laps) expect(c.servers.some((i) => (g.nodes[i] as Server).state === 'Leader')).toBe(false);
  });

  it('patient timers (a candidate times out only once it has lost): the split vote, 16 states back to state 3 (TLC: violated, 512 states)', async () => {
    const { m, c } = modelOf('0');
    const p = checkLiveness(m, { properties: ['EventuallyLeaderPatientTimers'] }).properties[0];
    expect(p?.distinct).toBe(512);
    expect(p?.lasso?.trace.length).toBe(16);
    expect(p?.lasso?.backTo).toBe(3);
    const cycle = [...(p?.lasso?.trace ?? []).slice(3).map((t) => t.action), p?.lasso?.back];
    // Each server votes for itself and is denied by the other; then both time out.
    for (const [i, j] of [['s1', 's2'], ['s2', 's1']]) {
      expect(cycle).toContain(`Receive(RequestVoteResponse ${i}->${i} term 1 granted)`);
      expect(cycle).toContain(`Receive(RequestVoteResponse ${j}->${i} term 1 denied)`);
      expect(cycle).toContain(`Timeout(${i})`);
    }
    await expect(`${(p?.lasso?.trace ?? []).map((t, k) => `${k + 1}: ${t.action ?? '<Initial state>'}`).join('\n')}\n17: Back to state 3: ${p?.lasso?.back}\n`).toMatchFileSnapshot('__traces__/raft-split-vote-lasso.txt');
    const laps = replayLasso(m, p!.lasso!, 2);
    expect(laps.map((g) => c.servers.map((i) => (g.nodes[i] as Server).currentTerm))).toEqual([[2, 2], [3, 3], [4, 4]]);
  });

  it('stable timers (only s1 a candidate, never timing out as one): a leader is elected and a submitted value committed, 34 states (TLC: the same)', () => {
    const r = checkLiveness(modelOf('1').m, { properties: ['EventuallyLeaderStableTimer', 'SubmittedCommittedStableTimer'] });
    expect(r.verdict).toBe('ok');
    expect(r.properties.map((p) => [p.name, p.holds, p.distinct])).toEqual([
      ['EventuallyLeaderStableTimer', true, 34],
      ['SubmittedCommittedStableTimer', true, 34],
    ]);
  });

  it('the stable-timer property is not vacuous: without its assumption the same bounds give a lasso', () => {
    const { m } = modelOf('1');
    const plain = { ...m, temporal: { P: { ...(m.temporal?.['EventuallyLeaderStableTimer'] as NonNullable<typeof m.temporal>[string]), assume: undefined, assumeStep: undefined } } } as unknown as Model<G, Tagged>;
    expect(checkLiveness(plain).verdict).toBe('violation');
  });
});
