// The whole pipeline against a known bug: the same scenario on the correct Raft and on the broken
// variant vote-without-log-check (src/raft/variants), run as real nodes. A follower cut off from the
// cluster raises its term; writes are acknowledged without it; after healing it asks for votes first
// (its election timeout is the shortest). Correct Raft refuses it (its log is behind: §5.4.1); the
// variant elects it and its log overwrites acknowledged writes. The checker must pass the first
// history and catch the second with a minimal bad window.
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'node:http';
import { checkLinearizable } from '../../src/runtime/lin/check.ts';
import { HistoryRecorder, operations } from '../../src/runtime/lin/history.ts';
import { Cluster, sleep } from './harness.ts';
import { finalReads, operate } from './workload.ts';

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

async function scenario(variant: string | null) {
  // s2 and s3 are slow to time out; s1 slower still, so that s2 or s3 usually leads first.
  const slow = { electionMs: [1200, 1600] };
  const c = (cluster = await Cluster.start(3, slow, variant === null ? [] : ['--variant', variant], { s1: { electionMs: [3000, 3500] } }));
  const h = new HistoryRecorder();
  const agent = new Agent({ keepAlive: true });
  let seq = 0;
  // On a loaded host s1 may start first and lead: whoever leads, s1 goes down and s2, s3 (a majority) lead.
  await c.waitLeader();
  // s1 misses a write, then comes back as the fastest to campaign, with a log that is behind.
  await c.kill('s1');
  const first = await c.waitLeader(['s2', 's3']);
  await operate(c, h, agent, 'w', ++seq, 'k0', { f: 'put', value: 'a' }, () => first, 8000);
  c.setNodeConfig('s1', { electionMs: [150, 300] });
  c.spawn('s1');
  await c.waitStatus('s1', (s) => s.leader !== null);
  const leader = await c.waitLeader();
  if (leader !== 's1') {
    // Cut s1 off while writes go on: it times out again and again, its term rises; then heal.
    await c.partition([['s1'], ['s2', 's3']]);
    for (const k of ['k0', 'k1', 'k2']) await operate(c, h, agent, 'w', ++seq, k, { f: 'put', value: 'b' }, () => leader, 8000);
    await sleep(800);
    await c.heal();
    await sleep(2000);
  }
  await c.waitLeader();
  if (process.env['DEBUG_VARIANT']) console.log(variant, 'after heal', JSON.stringify(await c.statuses()));
  await finalReads(c, h, 3);
  agent.destroy();
  return checkLinearizable(operations(h.events));
}

describe('the checker on real nodes, correct and broken', () => {
  it('correct Raft: the stale node is refused, no acknowledged write is lost', async () => {
    const res = await scenario(null);
    expect(res.ok, 'report' in res ? res.report : '').toBe(true);
  }, 120_000);

  it('vote-without-log-check: acknowledged writes are lost and the checker reports the window', async () => {
    // The bug shows when s1 campaigns first after healing. Half the runs missed it while the old
    // leader, stepping down, kept the election timer that ran on while it led (it could fire at
    // once); it now starts a full timeout, and 6 runs of 6 caught the bug first time. Timers and the
    // OS scheduler still decide, so up to four runs; the correct Raft never fails, however often it runs.
    let res = await scenario('vote-without-log-check');
    for (let attempt = 2; attempt <= 4 && res.ok; attempt++) {
      console.log(`vote-without-log-check: run ${attempt - 1} lost no write (s1 did not lead first); again`);
      await cluster?.stop();
      res = await scenario('vote-without-log-check');
    }
    expect(res.ok).toBe(false);
    if (!res.ok && 'report' in res) {
      console.log(res.report);
      expect(res.report).toMatch(/not linearizable; minimal window/);
    }
  }, 480_000);
});
