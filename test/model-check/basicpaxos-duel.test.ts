// Dueling proposers (Paxos Made Simple §3: "two proposers ... keep issuing a sequence of proposals with increasing
// numbers, none of which are ever chosen"): an explicit schedule, replayed on the composed model step by step, in
// which each proposer's accept requests are pre-empted by the other's prepare requests for ten rounds.
import { describe, expect, it } from 'vitest';
import { compose } from '../../model-check/index.ts';
import type { Model, Tagged } from '../../src/core/index.ts';
import { basicpaxos, learnedValues, type BpGlobal, type BpConfig, type Proposer } from '../../src/basicpaxos/index.ts';

/** The flags these rows were pinned with (check's defaults are now the MC cfg's setting). */
const defaults: Record<string, string> = { proposers: '2', acceptors: '3', learners: '1', values: '2', quorums: 'majority', 'max-round': '1', 'max-dup': '1', 'max-msgs': '2', drop: 'on', duplicate: 'on', restart: 'on' };
const built = basicpaxos.build({ ...defaults, 'max-round': '20', 'max-msgs': '9' }, null);
if (built.kind !== 'node') throw new Error('basicpaxos builds a node-level protocol');
const config = built.config as BpConfig;
const m = compose(built.protocol, built.config, built.network) as unknown as Model<BpGlobal, Tagged>;

/** Takes the enabled action whose printed name starts with `prefix` (the schedule names one action per step). */
function fire(g: BpGlobal, prefix: string): { g: BpGlobal; a: Tagged } {
  const a = m.actions(g).find((x) => m.describe(x).startsWith(prefix) && m.next(g, x) !== null);
  if (a === undefined) throw new Error(`not enabled: ${prefix}`);
  return { g: m.next(g, a) as BpGlobal, a };
}

/** Phase 1 of p with acceptors a1 and a2: prepare, promise, prepare, promise (p ends in Phase 2). */
const prepare = (p: string): string[] =>
  ['a1', 'a2'].flatMap((a) => [`SendPrepare(${p}, ${a})`, `Receive(Prepare ${p}->${a}`, `Receive(Promise ${a}->${p}`]);
/** p's accept request reaches a1, which promised the other proposer's higher ballot: Nack, and p retries higher. */
const attempt = (p: string): string[] => [`SendAccept(${p}, a1)`, `Receive(Accept ${p}->a1`, `Receive(Nack a1->${p}`];

function round(g: BpGlobal): number {
  return Math.max(...config.proposers.map((p) => (g.nodes[p] as Proposer).ballot?.round ?? -1));
}

function show(g: BpGlobal, p: string): string {
  const s = g.nodes[p] as Proposer;
  return s.ballot === null ? 'none' : `(${s.ballot.round},${p}) ${s.phase}`;
}

describe('Dueling proposers', () => {
  it('ten rounds with no value learned: each Phase 1 pre-empts the other proposer\'s Phase 2', async () => {
    const schedule = ['Timeout(p1)', ...prepare('p1'), 'Timeout(p2)', ...prepare('p2')];
    let g = m.init()[0] as BpGlobal;
    const trace: { state: BpGlobal; action: Tagged | null }[] = [{ state: g, action: null }];
    const play = (names: readonly string[]): void => {
      for (const name of names) {
        const r = fire(g, name);
        g = r.g;
        trace.push({ state: g, action: r.a });
        expect(learnedValues(g, config)).toEqual([]);
      }
    };
    play(schedule);
    for (let p = 'p1'; round(g) < 10; p = p === 'p1' ? 'p2' : 'p1') play([...attempt(p), ...prepare(p)]);
    expect(round(g)).toBe(10);
    expect(config.proposers.map((p) => (g.nodes[p] as Proposer).phase)).toEqual(['Phase2', 'Phase2']);
    expect(trace.length).toBe(1 + 14 + 10 * 9);
    // The schedule, one action per line, with each proposer's ballot after it.
    const lines = trace.slice(1).map((t, k) => `${k + 2}: ${m.describe(t.action as Tagged)}   [${config.proposers.map((p) => `${p} ${show(t.state, p)}`).join(', ')}]`);
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot('__traces__/basicpaxos-duel.txt');
  });
});
