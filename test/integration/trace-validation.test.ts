// Trace validation on real processes: nodes run with --trace-log under a nemesis (message loss,
// duplication and delay, the leader killed with SIGKILL and restarted) and their logs must be a
// behaviour of the model; the logs of a broken variant must be refused at its first divergent event.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, Cluster, kv, sleep } from './harness.ts';
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

describe('trace logs of a raft cluster that takes snapshots', () => {
  it('compactions, InstallSnapshot to a follower that was down, and restarts from snapshot files validate; a forged compaction is refused', async () => {
    const c = (cluster = await Cluster.start(3, { electionMs: [2000, 4000], heartbeatMs: 100, commandTimeoutMs: 10_000, snapshotEntries: 5 }, traceArgs()));
    const leader = await c.waitLeader(c.ids, STARTUP_MS);
    const lagging = c.ids.find((id) => id !== leader) as string;
    await c.kill(lagging);
    for (let k = 0; k < 30; k += 1) expect((await kv(c, leader, 'PUT', `s${k}`, `v${k}`)).code).toBe(200);
    c.spawn(lagging);
    await restarts(lagging, 2);
    const last = (await c.status(leader))?.commitIndex ?? 0;
    await c.waitStatus(lagging, (s) => s.applied >= last, 60_000);
    // Every node restarts from its snapshot file and the WAL's tail.
    for (const id of c.ids) await c.kill(id);
    for (const id of c.ids) c.spawn(id);
    for (const id of c.ids) await restarts(id, id === lagging ? 3 : 2);
    const next = await c.waitLeader(c.ids, 60_000);
    expect((await kv(c, next, 'PUT', 'after', 'x')).code).toBe(200);
    await cluster.stop();
    cluster = null;
    const text = (id: string) => readFileSync(join(traces!, `${id}.jsonl`), 'utf8');
    for (const id of c.ids) expect(text(id), id).toMatch(/"kind":"restart".*"snapshot":\{"index":\d+/);
    expect(text(leader)).toMatch(/"kind":"compact"/);
    expect(text(lagging)).toMatch(/"kind":"receive","t":\d+,"from":"[^"]+","type":"InstallSnapshotRequest"/);
    const r = validate('raft');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^conforms: \d+ events of 3 node log\(s\)/);
    expect(r.code).toBe(0);
    // The leader's first compaction, its entry's term changed: no state of the model compacts so.
    const lines = text(leader).split('\n');
    const k = lines.findIndex((l) => l.includes('"kind":"compact"'));
    const forged = JSON.parse(lines[k]!) as { snapshot: { id: number } };
    forged.snapshot.id += 1;
    lines[k] = JSON.stringify(forged);
    writeFileSync(join(traces!, `${leader}.jsonl`), lines.join('\n'));
    const bad = validate('raft');
    expect(bad.out).toMatch(new RegExp(`^trace does not conform at .*${leader}\\.jsonl:${k + 1} \\(node ${leader}, compact\\)`));
    expect(bad.out).toContain('is not allowed here');
    expect(bad.code).toBe(12);
  }, 240_000);
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
