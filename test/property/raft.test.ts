// Random walks over the composed Raft model (bag network, drop, duplicate, restart): every invariant and
// action property after each step, plus monotone facts. Reproduce a failure with SEED=<seed>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose } from '../../model-check/index.ts';
import type { Global } from '../../src/core/index.ts';
import { raftProtocol, type RaftMessage, type Server } from '../../src/raft/index.ts';
import { config } from '../helpers/raft.ts';

const seed = process.env['SEED'] === undefined ? Date.now() % 2 ** 31 : Number(process.env['SEED']);
const c = config({ maxTerm: 5, maxLogLen: 4, maxDup: 2, maxMsgs: 4, historyFields: true });
const model = compose(raftProtocol, c, { network: 'bag', drop: true, duplicate: true, restart: true });
type G = Global<Server, RaftMessage>;

/**
 * Successors of g within the bounds, in the model's action order. A walk index picks one; progress
 * steps (deliveries, leader actions) are listed 4 times so that walks reach commits, while timeouts,
 * restarts and network faults stay possible at every step.
 */
function successors(g: G): G[] {
  const out: G[] = [];
  for (const a of model.actions(g)) {
    const h = model.next(g, a);
    if (h === null || (model.constraint !== undefined && !model.constraint(h))) continue;
    const fault = a.type === 'Restart' || a.type === 'DropMessage' || a.type === 'DuplicateMessage' || (a.type === 'Internal' && a.a.type === 'Timeout');
    for (let k = fault ? 1 : 4; k > 0; k--) out.push(h);
  }
  return out;
}

let leaders = 0;
let commits = 0;

describe('Raft random walks', () => {
  it(`keeps every invariant and monotone fact along any walk (seed ${seed})`, () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 60, maxLength: 200, size: "max" }), (walk) => {
        let g = (model.init()[0] as G);
        for (const k of walk) {
          const next = successors(g);
          if (next.length === 0) return;
          const h = next[k % next.length] as G;
          for (const [name, inv] of Object.entries(model.invariants)) expect(inv(h), name).toBe(true);
          for (const [name, p] of Object.entries(model.actionProperties)) expect(p(g, h), name).toBe(true);
          for (const i of c.servers) {
            const s = g.nodes[i] as Server;
            const t = h.nodes[i] as Server;
            expect(t.currentTerm, `currentTerm[${i}] never decreases`).toBeGreaterThanOrEqual(s.currentTerm);
            expect(t.commitIndex, `commitIndex[${i}] <= Len(log[${i}])`).toBeLessThanOrEqual(t.log.length);
          }
          if (c.servers.some((i) => (h.nodes[i] as Server).state === 'Leader')) leaders++;
          if (c.servers.some((i) => (h.nodes[i] as Server).commitIndex > 0)) commits++;
          g = h;
        }
      }),
      { seed, numRuns: 100 },
    );
    // The walks reach the interesting part of the state space.
    expect(leaders).toBeGreaterThan(0);
    expect(commits).toBeGreaterThan(0);
  });
});
