// Dueling proposers as a lasso (Paxos Made Simple §3: "two proposers ... keep issuing a sequence of
// proposals with increasing numbers, none of which are ever chosen"), and a value learned once one
// distinguished proposer alone proposes. Setting: spec/MCBasicPaxosLive-*.cfg (TLC: the same counts).
import { describe, expect, it } from 'vitest';
import { compose } from '../../model-check/index.ts';
import { checkLiveness, withLiveness } from '../../model-check/liveness/index.ts';
import type { Model, Tagged } from '../../src/core/index.ts';
import { basicpaxos, type BpConfig, type BpGlobal, type Proposer } from '../../src/basicpaxos/index.ts';
import { replayLasso } from '../helpers/lasso.ts';

const flags = { proposers: '2', acceptors: '2', learners: '1', values: '1', quorums: 'majority', 'max-round': '1', 'max-dup': '1', 'max-msgs': '1', drop: 'off', duplicate: 'off', restart: 'off' };
const built = basicpaxos.build(flags, null);
if (built.kind !== 'node') throw new Error('basicpaxos builds a node-level protocol');
const config = built.config as BpConfig;
const model = withLiveness(compose(built.protocol, config, built.network), built.protocol, config) as unknown as Model<BpGlobal, Tagged>;

describe('Basic Paxos liveness (docs/liveness.md)', () => {
  const duel = checkLiveness(model, { properties: ['EventuallyLearned'] }).properties[0];

  it('two proposers under weak fairness and stable timers: a 29-state lasso back to state 12, nothing learned (TLC: the same)', async () => {
    expect(duel?.holds).toBe(false);
    expect(duel?.distinct).toBe(2004);
    expect(duel?.lasso?.trace.length).toBe(29);
    expect(duel?.lasso?.backTo).toBe(12);
    expect(duel?.lasso?.cycleLength).toBe(18);
    const lines = [...(duel?.lasso?.trace ?? []).map((t, k) => `${k + 1}: ${t.action ?? '<Initial state>'}`), `${(duel?.lasso?.trace.length ?? 0) + 1}: Back to state 12: ${duel?.lasso?.back}`];
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('__traces__/basicpaxos-duel-lasso.txt');
  });

  it('the cycle is a duel: each proposer is pre-empted (a Nack) and retries in it, and the rounds keep growing', () => {
    const cycle = [...(duel?.lasso?.trace ?? []).slice(12).map((t) => t.action), duel?.lasso?.back];
    for (const p of config.proposers) {
      expect(cycle.some((a) => a?.startsWith(`Receive(Nack`) && a.includes(`->${p} `))).toBe(true);
      expect(cycle.some((a) => a?.startsWith(`SendPrepare(${p}`))).toBe(true);
    }
    expect(cycle.some((a) => a?.startsWith('Timeout'))).toBe(false);
    const laps = replayLasso(model, duel!.lasso!, 3);
    const round = (g: BpGlobal) => Math.max(...config.proposers.map((p) => (g.nodes[p] as Proposer).ballot?.round ?? -1));
    expect(laps.map(round)).toEqual([1, 3, 5, 7]); // each lap, each proposer retries once
  });

  it('one distinguished proposer (a stable leader): a value is eventually learned, 32 states (TLC: the same)', () => {
    const r = checkLiveness(model, { properties: ['EventuallyLearnedStableLeader'] });
    expect(r.verdict).toBe('ok');
    expect(r.properties[0]?.distinct).toBe(32);
  });
});
