// Between levels: the next level's frontiers evened out when they are far apart.
import type { Pool } from './pool.ts';

/**
 * Evens out the next level's frontiers when they are far apart: a worker keeps the states it
 * discovered, so without this a single initial state would leave every other worker idle. Surplus
 * states are moved (structured clone) from the fullest workers to the emptiest; the parent records
 * stay with their discoverer. A share of at least half the even one is left as it is: stealing
 * within the level evens it out while the other worker goes on working, where moving it here keeps
 * every worker waiting (docs/explorer.md, "Workers").
 */
export async function rebalance(pool: readonly Pool[], sizes: number[]): Promise<void> {
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = Math.ceil(total / pool.length);
  if (pool.length < 2 || total < 2 * pool.length || Math.min(...sizes) >= target / 2) return;
  const moved: { states: unknown[]; ids: number[] } = { states: [], ids: [] };
  for (let w = 0; w < pool.length; w++) {
    const surplus = (sizes[w] as number) - target;
    // Once moving, even the shares out: only tiny differences are not worth a copy.
    if (surplus <= Math.max(8, target / 64)) continue;
    const r = await (pool[w] as Pool).ask({ type: 'give', count: surplus });
    if (r.type !== 'given') throw new Error(`explorer worker said ${r.type}, expected given`);
    moved.states.push(...r.states);
    moved.ids.push(...r.ids);
    sizes[w] = (sizes[w] as number) - r.states.length;
  }
  for (let w = 0; w < pool.length && moved.states.length > 0; w++) {
    const need = Math.min(target - (sizes[w] as number), moved.states.length);
    if (need <= 0) continue;
    const states = moved.states.splice(moved.states.length - need);
    const ids = moved.ids.splice(moved.ids.length - need);
    await (pool[w] as Pool).ask({ type: 'take', states, ids });
    sizes[w] = (sizes[w] as number) + need;
  }
  if (moved.states.length > 0) {
    // Rounding left a few: give them back to the first worker.
    await (pool[0] as Pool).ask({ type: 'take', states: moved.states, ids: moved.ids });
  }
}
