// Membership change on real processes (Raft §6, thesis §4.2.1): `cluster add`, `promote` and `remove`
// through the leader's /admin/members while clients keep writing; the history must be linearizable
// with final reads (so no acknowledged write is lost). A learner catches up by InstallSnapshot (the
// leader has compacted its log first), a promotion is refused until the learner has caught up, a
// second change while one is in progress is refused, removing the leader hands leadership over first
// (TimeoutNow), and a removed node refuses to start again. Each change's availability gap is printed.
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../src/runtime/lin/check.ts';
import { operations } from '../../src/runtime/lin/history.ts';
import { HistoryRecorder } from '../../src/runtime/lin/history.ts';
import { Cluster, sleep } from './harness.ts';
import { cli, gap, killAll, leaderMembers, learnNode, membersAt, pidOf, writeUntil } from './members.ts';
import { finalReads } from './workload.ts';

let cluster: Cluster | null = null;
let extra: string[] = [];
afterEach(async () => {
  if (cluster !== null) killAll(cluster, extra);
  await cluster?.stop();
  cluster = null;
  extra = [];
});

const SEED = Number(process.env['MEMBERSHIP_SEED'] ?? 7);
const KEYS = 3;
const STARTUP_MS = 60_000;
/** Long election timeouts: on a loaded 2-core host a short one costs elections that have nothing to do with the change. */
const SETTINGS = { electionMs: [600, 1200], heartbeatMs: 60, commandTimeoutMs: 4000, snapshotEntries: 20 };

function linearizable(h: HistoryRecorder): void {
  const ops = operations(h.events);
  const res = checkLinearizable(ops);
  if (!res.ok) throw new Error(`not linearizable (MEMBERSHIP_SEED=${SEED}):\n${'report' in res ? res.report : res.reason}`);
  const count = (t: string) => h.events.filter((e) => e.type === t).length;
  expect(count('ok')).toBeGreaterThan(30);
  console.log(`history: ${count('invoke')} invoked, ${count('ok')} ok, ${count('fail')} failed, ${count('unknown')} unknown; linearizable`);
}

/** Runs a CLI membership command against the cluster's directory; returns what it printed. */
async function change(c: Cluster, ...args: string[]): Promise<string> {
  const r = await cli('cluster', ...args, '--dir', c.dir, '--wait', '90');
  if (r.code !== 0) throw new Error(`cluster ${args.join(' ')} exited ${r.code}: ${r.err}${r.out}`);
  return r.out;
}

/** Runs `f` and prints the writes acknowledged and the longest time without one meanwhile. */
async function timed(h: HistoryRecorder, what: string, f: () => Promise<unknown>): Promise<void> {
  const from = performance.now();
  await f();
  const g = gap(h, from, performance.now());
  console.log(`figure: ${what}: ${Math.round(performance.now() - from)} ms, ${g.writes} writes acknowledged, longest gap ${g.longestMs} ms`);
}

async function until(f: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

/** SIGSTOP / SIGCONT a node the harness or the CLI started (the CLI's may still be starting: its lock names it once up). */
async function signal(c: Cluster, id: string, sig: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
  await until(async () => (c.procs.get(id)?.pid ?? pidOf(c, id)) != null, 90_000, `${id} running`);
  process.kill((c.procs.get(id)?.pid ?? pidOf(c, id)) as number, sig);
}

/** The cluster's 3 nodes, a snapshot taken on the leader (so that a learner needs InstallSnapshot) and clients writing. */
async function startWriting(seed: number): Promise<{ c: Cluster; h: HistoryRecorder; run: { end(): Promise<void> } }> {
  const c = (cluster = await Cluster.start(3, SETTINGS));
  await c.waitLeader(c.ids, STARTUP_MS);
  const h = new HistoryRecorder();
  const stop = { done: false };
  const writing = writeUntil(c, h, stop, { clients: 4, keys: KEYS, seed, deadlineMs: 8000 });
  const run = {
    async end() {
      stop.done = true;
      await writing;
    },
  };
  await until(async () => ((await c.status((await leaderMembers(c, c.ids)).id)) as { snapshotIndex?: number } | null)?.snapshotIndex !== 0, 90_000, 'a snapshot on the leader');
  return { c, h, run };
}

/** `cluster add` then `promote` of a new node, timed. */
async function grow(c: Cluster, h: HistoryRecorder, id: string): Promise<void> {
  extra.push(id);
  await timed(h, `add ${id} (learner)`, () => change(c, 'add', id));
  learnNode(c, id);
  await until(async () => /snapshot: installed index \d+ from the leader/.test(c.logOf(id)), 90_000, `${id} installs the leader's snapshot`);
  await timed(h, `promote ${id} (C_old,new, then C_new)`, () => change(c, 'promote', id));
}

describe(`membership change on real nodes (MEMBERSHIP_SEED=${SEED})`, () => {
  it('3 -> 4 -> 3 while clients write: a learner caught up by InstallSnapshot, promote refused until it has caught up, a follower removed and refused on restart', async () => {
    const { c, h, run } = await startWriting(SEED);
    extra.push('s4');
    await timed(h, 'add s4 (learner)', () => change(c, 'add', 's4'));
    learnNode(c, 's4');
    const m = await leaderMembers(c, c.ids);
    expect([m.voters, m.learners]).toEqual([['s1', 's2', 's3'], ['s4']]);
    // Paused, s4 falls behind the commit index: promote is refused, naming why.
    await signal(c, 's4', 'SIGSTOP');
    await until(async () => {
      const x = await leaderMembers(c, c.ids);
      return (x.match['s4'] ?? 0) < x.commitIndex;
    }, 60_000, 's4 behind the commit index');
    const refused = await cli('cluster', 'promote', 's4', '--dir', c.dir, '--wait', '3');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: cluster promote s4: s4 has not caught up: it holds entries up to \d+, the leader has committed \d+ \(of \d+\); retry once it has\n$/);
    await signal(c, 's4', 'SIGCONT');
    await until(async () => /snapshot: installed index \d+ from the leader/.test(c.logOf('s4')), 90_000, 's4 installs the snapshot');
    await timed(h, 'promote s4 (C_old,new, then C_new)', () => change(c, 'promote', 's4'));
    const leader = (await leaderMembers(c, [...c.ids, 's4'])).id;
    const follower = ['s1', 's2', 's3'].find((j) => j !== leader) as string;
    await timed(h, `remove ${follower} (a follower)`, () => change(c, 'remove', follower));
    c.procs.delete(follower);
    const rest = ['s1', 's2', 's3', 's4'].filter((j) => j !== follower);
    const after = await leaderMembers(c, rest);
    expect([after.voters, after.old, after.learners]).toEqual([rest, rest, []]);
    await run.end();
    await finalReads(c, h, KEYS);
    linearizable(h);
    // The removed node keeps its data and refuses to start as a member.
    const p = c.spawn(follower);
    expect(await new Promise<number | null>((r) => p.once('exit', r))).toBe(2);
    expect(c.logOf(follower)).toMatch(new RegExp(`error: node ${follower}: removed from the cluster on .* \\(configuration \\{${rest.join(',')}\\} at index \\d+ leaves it out\\); refusing to start as a member: its data is kept in .*; to bring it back, run 'cluster add ${follower}'`));
  }, 600_000);

  it('a learner removed before its promotion (RemoveLearner: the voters stay) is stopped, keeps its data and refuses to start', async () => {
    const { c, h, run } = await startWriting(SEED + 3);
    extra.push('s4');
    await timed(h, 'add s4 (learner)', () => change(c, 'add', 's4'));
    learnNode(c, 's4');
    expect((await leaderMembers(c, c.ids)).learners).toEqual(['s4']);
    await timed(h, 'remove s4 (a learner)', () => change(c, 'remove', 's4'));
    await until(async () => pidOf(c, 's4') === null, 60_000, 's4 stopped');
    const after = await leaderMembers(c, c.ids);
    expect([after.voters, after.old, after.learners, after.committed]).toEqual([c.ids, c.ids, [], true]);
    await run.end();
    await finalReads(c, h, KEYS);
    linearizable(h);
    const p = c.spawn('s4');
    expect(await new Promise<number | null>((r) => p.once('exit', r))).toBe(2);
    expect(c.logOf('s4')).toMatch(/error: node s4: removed from the cluster on .* \(configuration \{s1,s2,s3\} at index \d+ leaves it out\); refusing to start as a member: its data is kept in .*; to bring it back, run 'cluster add s4'/);
  }, 600_000);

  it('removing the leader hands leadership over first (TimeoutNow); a second change while one is in progress is refused', async () => {
    const { c, h, run } = await startWriting(SEED + 1);
    await grow(c, h, 's4');
    // Two followers paused: the next change cannot commit, and a second one is refused meanwhile.
    const leader = (await leaderMembers(c, [...c.ids, 's4'])).id;
    const paused = ['s1', 's2', 's3', 's4'].filter((j) => j !== leader && j !== 's4').slice(0, 2);
    for (const j of paused) await signal(c, j, 'SIGSTOP');
    extra.push('s5');
    const adding = cli('cluster', 'add', 's5', '--dir', c.dir, '--wait', '120');
    await until(async () => (await membersAt(c, leader))?.learners.includes('s5') === true, 90_000, 'AddLearner(s5) appended');
    const second = await cli('cluster', 'remove', 's4', '--dir', c.dir, '--wait', '10');
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/^error: cluster remove s4: a configuration change is in progress \(C\{s1,s2,s3,s4\}\+\{s5\} at index \d+ is not committed yet\); one change at a time, retry when it is done\n$/);
    for (const j of paused) await signal(c, j, 'SIGCONT');
    const added = await adding;
    expect(added.code, added.err).toBe(0);
    learnNode(c, 's5');
    await timed(h, `remove ${leader} (the leader)`, () => change(c, 'remove', leader));
    c.procs.delete(leader);
    const rest = ['s1', 's2', 's3', 's4'].filter((j) => j !== leader);
    const after = await leaderMembers(c, rest);
    expect(after.id).not.toBe(leader);
    expect(after.voters).toEqual(rest);
    expect(c.logOf(leader)).toMatch(new RegExp(`admin: removal of ${leader} asked: handed leadership to s\\d`));
    await run.end();
    await finalReads(c, h, KEYS);
    linearizable(h);
  }, 600_000);

  it('3 -> 5 -> 3 with messages from the first three nodes lost, duplicated and delayed, and a learner killed while it catches up', async () => {
    const { c, h, run } = await startWriting(SEED + 2);
    for (const id of ['s1', 's2', 's3']) await c.faults(id, { drop: 0.05, duplicate: 0.05, delay: [0, 10] });
    await grow(c, h, 's4');
    // s5 is killed (SIGKILL) right after it joins, while it catches up, and started again from its data.
    extra.push('s5');
    await timed(h, 'add s5 (learner)', () => change(c, 'add', 's5'));
    learnNode(c, 's5');
    await until(async () => pidOf(c, 's5') !== null, 90_000, 's5 running');
    process.kill(pidOf(c, 's5') as number, 'SIGKILL');
    await until(async () => pidOf(c, 's5') === null, 30_000, 's5 gone');
    c.nodeArgs = ['--join'];
    c.spawn('s5');
    c.nodeArgs = [];
    await until(async () => /snapshot: (installed|loaded) index \d+/.test(c.logOf('s5')), 90_000, 's5 holds a snapshot');
    await timed(h, 'promote s5 (C_old,new, then C_new)', () => change(c, 'promote', 's5'));
    let m = await leaderMembers(c, ['s1', 's2', 's3', 's4', 's5']);
    expect([m.voters, m.learners]).toEqual([['s1', 's2', 's3', 's4', 's5'], []]);
    // Shrink by two of the first three: a follower first, then whichever of them remains leads or not.
    const gone = ['s1', 's2', 's3'].filter((j) => j !== m.id).slice(0, 2);
    for (const j of gone) {
      await timed(h, `remove ${j} (of 5)`, () => change(c, 'remove', j));
      c.procs.delete(j);
    }
    const rest = ['s1', 's2', 's3', 's4', 's5'].filter((j) => !gone.includes(j));
    m = await leaderMembers(c, rest);
    expect([m.voters, m.old]).toEqual([rest, rest]);
    await c.heal();
    await run.end();
    await finalReads(c, h, KEYS);
    linearizable(h);
  }, 900_000);
});
