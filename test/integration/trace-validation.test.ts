// Trace validation on real processes: nodes run with --trace-log under a nemesis (message loss,
// duplication and delay, the leader killed with SIGKILL and restarted) and their logs must be a
// behaviour of the model; the logs of a broken variant must be refused at its first divergent event.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, Cluster, sleep } from './harness.ts';
import { workload } from './workload.ts';

let cluster: Cluster | null = null;
let traces: string | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
  if (traces !== null) rmSync(traces, { recursive: true, force: true });
  traces = null;
});

/** Processes that start slowly on a loaded host must not fail the test before it begins. */
const STARTUP_MS = 45_000;

function traceArgs(): string[] {
  traces = mkdtempSync(join(tmpdir(), 'cc-traces-'));
  return ['--trace-log', join(traces, '{id}.jsonl')];
}

function validate(...args: string[]) {
  const files = readdirSync(traces!).map((f) => join(traces!, f)).sort();
  const r = spawnSync(process.execPath, [BIN, 'validate', ...args, ...files], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, files };
}

/** Waits until node id's log holds `n` restart lines (a line is written before the node's first send or write). */
async function restarts(id: string, n: number, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  const count = () => readFileSync(join(traces!, `${id}.jsonl`), 'utf8').split('"kind":"restart"').length - 1;
  while (count() < n) {
    if (Date.now() > end) throw new Error(`${id}'s trace log has ${count()} restarts, expected ${n}`);
    await sleep(100);
  }
}

describe.each(['raft', 'multipaxos'])('trace logs of a real %s cluster', (protocol) => {
  it('a run with loss, duplication, delay and the leader killed and restarted validates', async () => {
    const c = (cluster = await Cluster.start(3, { protocol }, traceArgs()));
    await c.waitLeader(c.ids, STARTUP_MS);
    for (const id of c.ids) await c.faults(id, { drop: 0.1, duplicate: 0.1, delay: [0, 10] });
    const run = workload(c, { clients: 3, keys: 3, ms: 4000, seed: 7 });
    await sleep(1500);
    const leader = await c.waitLeader();
    await c.kill(leader);
    await sleep(500);
    c.spawn(leader);
    await restarts(leader, 2);
    await c.faults(leader, { drop: 0.1, duplicate: 0.1, delay: [0, 10] });
    const h = await run;
    expect(h.events.filter((e) => e.type === 'ok').length).toBeGreaterThan(5);
    await cluster.stop();
    cluster = null;
    const r = validate(protocol);
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^conforms: \\d+ events of 3 node log\\(s\\) \\(s1, s2, s3\\) are a behaviour of the ${protocol} model`));
    expect(r.code).toBe(0);
  }, 180_000);
});

describe('trace logs of a broken variant', () => {
  it('forget-vote-on-restart is refused at the restart that forgets the vote, and conforms to its own variant', async () => {
    const c = (cluster = await Cluster.start(3, {}, ['--variant', 'forget-vote-on-restart', ...traceArgs()]));
    const leader = await c.waitLeader(c.ids, STARTUP_MS);
    // The leader voted for itself in its term; restarted, the variant forgets it.
    await c.kill(leader);
    c.spawn(leader);
    await restarts(leader, 2);
    await cluster.stop();
    cluster = null;
    const r = validate('raft');
    expect(r.code).toBe(12);
    expect(r.out).toMatch(new RegExp(`^trace does not conform at .*${leader}\\.jsonl:\\d+ \\(node ${leader}, restart\\): no step of the model explains it`));
    expect(r.out).toContain(`view.votedFor: the log has null, the model "${leader}"`);
    const own = validate('raft', '--variant', 'forget-vote-on-restart');
    expect(own.out).toMatch(/^conforms: .* of the raft variant forget-vote-on-restart model/);
    expect(own.code).toBe(0);
  }, 180_000);
});
