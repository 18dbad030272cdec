// Node-level Basic Paxos refines Lamport's Paxos.tla (spec/MCBasicPaxos.tla's RefinesPaxos, which TLC
// checks as a PROPERTY): the check holds on the TLC setting with TLC's counts, and each broken variant
// has a step with no Paxos counterpart, with its shortest trace pinned (update with -u, review the diff).
import { describe, expect, it } from 'vitest';
import { explore, formatTrace } from '../../model-check/index.ts';
import { build } from '../../src/cli/build-model.ts';
import { ballotNumber, basicpaxos, maxBallot, paxosMessage, parseConfig } from '../../src/basicpaxos/index.ts';

/** MCBasicPaxos.cfg's setting, as `check basicpaxos` defaults to it. */
const defaults = Object.fromEntries(basicpaxos.constants.map((c) => [c.flag, c.default]));

async function modelOf(flags: Record<string, string>, variant: string | null, only: boolean) {
  const properties = only ? { invariants: [], actionProperties: ['RefinesPaxos'] } : undefined;
  return (await build({ protocol: 'basicpaxos', constants: { ...defaults, ...flags }, variant, ...(properties === undefined ? {} : { properties }) })).model;
}

describe('Basic Paxos refines Paxos.tla', () => {
  it('maps ballots (round, proposer) one to one onto integers, in their order', () => {
    const { config: c } = parseConfig({ ...defaults, proposers: '3', 'max-round': '1' });
    const nums = [0, 1, 2].flatMap((round) => c.proposers.map((proposer) => ballotNumber({ round, proposer }, c)));
    expect(nums).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(maxBallot(c)).toBe(8); // round MaxRound + 1 is the highest a step from within the bounds opens
  });

  it('maps a Nack, and a Promise reporting a vote in its own ballot, to no Paxos message', () => {
    const { config: c } = parseConfig(defaults);
    const bal = { round: 0, proposer: 'p2' };
    expect(paxosMessage({ type: 'Nack', source: 'a1', dest: 'p1', bal, higher: bal }, c)).toBeNull();
    expect(paxosMessage({ type: 'Promise', source: 'a1', dest: 'p2', bal, accepted: { bal, val: 'v2' } }, c)).toBeNull();
    expect(paxosMessage({ type: 'Promise', source: 'a1', dest: 'p2', bal, accepted: { bal: { round: 0, proposer: 'p1' }, val: 'v1' } }, c))
      .toEqual({ type: '1b', acc: 'a1', bal: 1, mbal: 0, mval: 'v1' });
  });

  it('holds on spec/MCBasicPaxos.cfg\'s setting, with TLC\'s counts (the history variable adds no state)', async () => {
    const m = await modelOf({}, null, false);
    expect(Object.keys(m.actionProperties)).toEqual(['AcceptNotBelowPromise', 'RefinesPaxos']);
    const r = await explore(m, { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 25529, generated: 240065, depth: 35 });
  }, 300_000);

  it('holds with restarts and duplicates (one proposer, rounds 0..1)', async () => {
    const r = await explore(await modelOf({ proposers: '1', 'max-round': '1', restart: 'on', duplicate: 'on' }, null, true), { deadlock: false });
    expect(r.verdict).toBe('ok');
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 23756, generated: 238066, depth: 37 });
  }, 300_000);

  it('holds with flexible quorums {a1,a2}, {a1,a3} (a proposer may hear from all three before a quorum)', async () => {
    const r = await explore(await modelOf({ quorums: 'a1,a2;a1,a3' }, null, true), { deadlock: false });
    expect([r.verdict, r.distinct, r.generated, r.depth]).toEqual(['ok', 22391, 207892, 35]);
  }, 300_000);

  it.each([
    // variant, flags, shortest trace to a step Paxos.tla cannot take (states)
    ['one-phase', {}, 3],
    ['ignore-reported-vote', {}, 19],
    ['forget-promise-on-restart', { restart: 'on', drop: 'off' }, 5],
    ['round-only-ballots', {}, 17],
  ] as const)('%s has a step with no Paxos counterpart', async (variant, flags, length) => {
    const r = await explore(await modelOf(flags, variant, true), { deadlock: false });
    expect([r.verdict, r.violation?.kind, r.violation?.name, r.violation?.trace.length]).toEqual(['violation', 'actionProperty', 'RefinesPaxos', length]);
    await expect(formatTrace(r.violation?.trace ?? [])).toMatchFileSnapshot(`__traces__/basicpaxos-${variant}-refinement.txt`);
  }, 300_000);
});
