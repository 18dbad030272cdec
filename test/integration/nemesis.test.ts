// Jepsen-style: a concurrent client workload against real nodes while a nemesis partitions the
// network, loses, delays and duplicates messages, or kills the leader; the recorded history must be
// linearizable (our Wing-Gong checker, per key), final reads included, so no acknowledged write is lost.
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../src/runtime/lin/check.ts';
import { operations } from '../../src/runtime/lin/history.ts';
import type { HistoryRecorder } from '../../src/runtime/lin/history.ts';
import { Cluster, sleep } from './harness.ts';
import { finalReads, rng, workload } from './workload.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

const SEED = Number(process.env['NEMESIS_SEED'] ?? Date.now() % 100_000);
const KEYS = 3;
/** Processes that start slowly on a loaded host (tsx compiles each node) must not fail the test before it begins. */
const STARTUP_MS = 45_000;
/** More than this many operations must complete ok: the history is not trivially linearizable. */
const OK_BAR = 30;
/** The workload goes on after its nominal time until the bar is passed, up to this long (availability, not speed). */
const WORKLOAD_CAP_MS = 90_000;

/** The ids in an order drawn from the seed (a failing run's split is reproduced by NEMESIS_SEED). */
function shuffled(ids: readonly string[], seed: number): string[] {
  const r = rng(seed);
  const out = [...ids];
  for (let k = out.length - 1; k > 0; k -= 1) {
    const j = Math.floor(r() * (k + 1));
    [out[k], out[j]] = [out[j] as string, out[k] as string];
  }
  return out;
}

/** `h`'s verdict; `workloadMs` is how long the workload ran (printed: longer than its nominal time when extended). */
function verdict(h: HistoryRecorder, workloadMs: number): void {
  const ops = operations(h.events);
  const okCount = h.events.filter((e) => e.type === 'ok').length;
  const res = checkLinearizable(ops);
  if (!res.ok) {
    const why = 'report' in res ? res.report : res.reason;
    throw new Error(`not linearizable (NEMESIS_SEED=${SEED}):\n${why}`);
  }
  expect(okCount).toBeGreaterThan(OK_BAR);
  // Negative control: the same history with one read changed to a value never written must fail.
  const k = ops.findLastIndex((o) => o.output !== null && 'found' in o.output && o.output.found);
  expect(k).toBeGreaterThanOrEqual(0);
  const bad = ops.with(k, { ...(ops[k] as (typeof ops)[number]), output: { found: true, value: 'never-written' } });
  expect(checkLinearizable(bad).ok).toBe(false);
  const count = (t: string) => h.events.filter((e) => e.type === t).length;
  console.log(`history: ${count('invoke')} invoked, ${okCount} ok, ${count('fail')} failed, ${count('unknown')} unknown, workload ${(workloadMs / 1000).toFixed(1)} s; linearizable`);
}

// Every protocol the runtime runs (src/cli/runtimes.ts) faces the same nemesis through one runtime contract.
describe.each(['raft', 'multipaxos'])(`nemesis on %s (NEMESIS_SEED=${SEED})`, (protocol) => {
  it('partitions on 5 nodes: isolate the leader, then split 2/3', async () => {
    const c = (cluster = await Cluster.start(5, { protocol }));
    await c.waitLeader(c.ids, STARTUP_MS);
    // A short deadline per operation, so that some end as unknown while the leader is cut off.
    const t0 = performance.now();
    const run = workload(c, { clients: 5, keys: KEYS, ms: 9000, seed: SEED, deadlineMs: 1500, okAbove: OK_BAR, maxMs: WORKLOAD_CAP_MS });
    await sleep(1500);
    const leader = await c.waitLeader();
    await c.partition([[leader], c.ids.filter((id) => id !== leader)]);
    const next = await c.waitLeader(c.ids.filter((id) => id !== leader));
    expect(next).not.toBe(leader);
    await sleep(1500);
    await c.heal();
    await sleep(1000);
    const ids = shuffled(c.ids, SEED + 2);
    await c.partition([ids.slice(0, 2), ids.slice(2)]);
    await sleep(2500);
    await c.heal();
    const h = await run;
    const workloadMs = Math.max(t0, ...h.events.map((e) => e.time)) - t0; // until its last operation ended
    await c.waitLeader();
    await finalReads(c, h, KEYS);
    verdict(h, workloadMs);
  }, 240_000);

  it('message loss, delay and duplication on 3 nodes, and a leader killed with SIGKILL and restarted', async () => {
    const c = (cluster = await Cluster.start(3, { protocol }));
    await c.waitLeader(c.ids, STARTUP_MS);
    for (const id of c.ids) await c.faults(id, { drop: 0.15, duplicate: 0.15, delay: [0, 15] });
    const t0 = performance.now();
    const run = workload(c, { clients: 5, keys: KEYS, ms: 8000, seed: SEED + 1, okAbove: OK_BAR, maxMs: WORKLOAD_CAP_MS });
    await sleep(2500);
    const leader = await c.waitLeader();
    await c.kill(leader);
    await sleep(2000);
    c.spawn(leader);
    await c.waitStatus(leader, () => true);
    await c.faults(leader, { drop: 0.15, duplicate: 0.15, delay: [0, 15] });
    const h = await run;
    const workloadMs = Math.max(t0, ...h.events.map((e) => e.time)) - t0; // until its last operation ended
    await c.heal();
    await c.waitLeader();
    await finalReads(c, h, KEYS);
    verdict(h, workloadMs);
  }, 240_000);
});
