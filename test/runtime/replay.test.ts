// Every pinned counterexample of a shipped Raft and Multi-Paxos variant (test/model-check/__traces__)
// replays through the runtime's node loop (src/runtime/node.ts) and reaches the model's node states
// and messages in flight step by step (replay.ts says how each step is fed, and what is narrowed).
// A trace with a step no timer of the runtime lists stops there, and replays when that step is run by
// the heartbeat timer narrowed to it (`widen`); the rows name that first step.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compose, formatTrace, traceOf, type GlobalAction } from '../../model-check/index.ts';
import { canonical, type Checkable, type Global, type Message, type Model, type NodeRuntime, type Tagged } from '../../src/core/index.ts';
import { multipaxos, multiPaxosRuntime, type MpConfig, type MultiPaxosProtocol } from '../../src/multipaxos/index.ts';
import { raft, raftRuntime, type RaftConfig, type RaftProtocol } from '../../src/raft/index.ts';
import { replay, type Behaviour } from './replay.ts';

type G = Global<unknown, Message>;
type X = GlobalAction<Tagged, Message>;
type Rt = NodeRuntime<unknown, Tagged, Message>;
type Flags = Readonly<Record<string, string>>;

const checkables: Record<'raft' | 'multipaxos', Checkable> = { raft, multipaxos };

/**
 * A protocol's model and its runtime over the same constants and handlers. Multi-Paxos runs unpruned:
 * its compaction assumes a decided slot is never decided again, which every variant here breaks at its
 * last step (compaction is tested on the correct protocol in test/unit/multipaxos/bounded.test.ts).
 */
function built(protocol: 'raft' | 'multipaxos', flags: Flags, variant: string | null): { model: Model<G, X>; runtime: Rt; ids: readonly string[] } {
  const c = checkables[protocol];
  const b = c.build({ ...Object.fromEntries(c.constants.map((k) => [k.flag, k.default])), ...flags }, variant);
  if (b.kind !== 'node') throw new Error(`${protocol} builds a node-level protocol`);
  const ids = b.protocol.nodes(b.config);
  const runtime =
    protocol === 'raft'
      ? raftRuntime(b.protocol as unknown as RaftProtocol, ids, b.config as RaftConfig)
      : multiPaxosRuntime(b.protocol as unknown as MultiPaxosProtocol, ids, b.config as MpConfig, { prune: false });
  return { model: compose(b.protocol, b.config, b.network) as unknown as Model<G, X>, runtime: runtime as unknown as Rt, ids };
}

/** Takes, one after the other, the first enabled action whose printed name starts with each of `names`. */
function play(m: Model<G, X>, g: G, names: readonly string[]): { states: G[]; actions: X[] } {
  const states = [g];
  const actions: X[] = [];
  for (const name of names) {
    const a = m.actions(g).find((x) => m.describe(x).startsWith(name) && m.next(g, x) !== null);
    if (a === undefined) throw new Error(`not enabled: ${name}`);
    g = m.next(g, a) as G;
    actions.push(a);
    states.push(g);
  }
  return { states, actions };
}

/** A pinned trace, how its test found it, and what replays it. */
interface Row {
  readonly file: string;
  readonly protocol: 'raft' | 'multipaxos';
  readonly variant: string;
  readonly flags: Flags;
  /** The steps from Init to the trace's first state, and whether the correct protocol (with these flags) took them. */
  readonly prefix?: { readonly names: readonly string[]; readonly correct?: Flags };
  /** The first step no timer of the runtime lists (the strict replay stops there), if any. */
  readonly unlisted?: RegExp;
  /** Steps the model takes after the file's last one (a kept message, see keptToTheEnd). */
  readonly beyond?: number;
}

/**
 * The pinned trace as a behaviour from Init (its prefix included), checked to print exactly as the
 * file; `runtime` replaces the variant's runtime (a wrong one, for the test that it is caught).
 */
function behaviour(r: Row, runtime?: Rt): Behaviour & { ids: readonly string[]; beyond: number } {
  const v = built(r.protocol, r.flags, r.variant);
  const p = r.prefix?.correct === undefined ? v : built(r.protocol, r.prefix.correct, null);
  const pre = play(p.model, p.model.init()[0] as G, r.prefix?.names ?? []);
  const text = readFileSync(new URL(`../model-check/__traces__/${r.file}`, import.meta.url), 'utf8');
  const names = [...text.matchAll(/^\d+: (.*)$/gm)].map((x) => x[1] as string).slice(1);
  const t = play(v.model, pre.states[pre.states.length - 1] as G, names);
  expect(formatTrace(traceOf(v.model, t.states, [null, ...t.actions]))).toBe(text);
  const beyond = keptToTheEnd(v.model, t.states, t.actions);
  return {
    model: v.model,
    states: [...pre.states, ...t.states.slice(1)],
    actions: [...pre.actions, ...t.actions],
    runtimes: [...pre.actions.map(() => p.runtime), ...t.actions.map(() => runtime ?? v.runtime)],
    prefix: pre.actions.length,
    ids: v.ids,
    beyond,
  };
}

const copies = (g: G, m: Message): number => g.network.find((e) => canonical(e[1]) === canonical(m))?.[2] ?? 0;

/**
 * A trace that ends delivering a message the protocol keeps (raft.tla's conflicting tail, one entry
 * per step) ends where the node loop does not: it steps the message again at once. The model's own
 * deliveries of it are appended (each must be enabled), and counted.
 */
function keptToTheEnd(m: Model<G, X>, states: G[], actions: X[]): number {
  let n = 0;
  for (;;) {
    const x = actions[actions.length - 1];
    const g = states[states.length - 2] as G;
    const h = states[states.length - 1] as G;
    if (x?.type !== 'Receive' || copies(h, x.m) < copies(g, x.m)) return n;
    const y = m.actions(h).find((a) => a.type === 'Receive' && canonical(a.m) === canonical(x.m));
    const next = y === undefined ? null : m.next(h, y);
    if (y === undefined || next === null) return n;
    actions.push(y);
    states.push(next);
    n += 1;
  }
}

// Prefixes as the model tests play them: Figure 8 (b) (raft.test.ts), r1 chose c1#1 in ballot 0 and r2
// and r3 missed it, played on the correct protocol with drops (multipaxos.test.ts), both leading ballot 0.
const election = (i: string, v: string, t: number): string[] => [
  `RequestVote(${i}, ${i})`, `Receive(RequestVoteRequest ${i}->${i} term ${t}`, `Receive(RequestVoteResponse ${i}->${i} term ${t}`,
  `RequestVote(${i}, ${v})`, `Receive(RequestVoteRequest ${i}->${v} term ${t}`, `Receive(RequestVoteRequest ${i}->${v} term ${t}`, `Receive(RequestVoteResponse ${v}->${i} term ${t}`,
  `BecomeLeader(${i})`,
];
const figure8b = ['Timeout(s1)', ...election('s1', 's2', 2), 'ClientRequest(s1, v1)', 'Timeout(s3)', 'Timeout(s3)', ...election('s3', 's2', 3), 'ClientRequest(s3, v1)'];
const elect = (i: string, voters: readonly string[]): string[] => [`StartElection(${i})`, ...voters.flatMap((j) => [`SendPrepare(${i}, ${j})`, `Receive(Prepare ${i}->${j}`, `Receive(Promise ${j}->${i}`])];
const accept = (i: string, acc: string): string[] => [`SendAccept(${i}, ${acc}, 1)`, `Receive(Accept ${i}->${acc}`, `Receive(Accepted ${acc}->r1`, `DropMessage(Accepted ${acc}->r2`, `DropMessage(Accepted ${acc}->r3`];
const chosenAtR1 = [...elect('r1', ['r1', 'r2']), 'ClientRequest(r1, c1#1)', ...accept('r1', 'r1'), ...accept('r1', 'r2')];

const mp = { replicas: '3', commands: '2', candidates: 'r1,r2', 'max-round': '0', 'max-slot': '1', 'max-dup': '1', 'max-msgs': '3', drop: 'off', duplicate: 'off', restart: 'off' };
const twoLeaders = { replicas: '2', commands: '2', candidates: 'all', 'max-round': '0', 'max-slot': '1', 'max-dup': '1', 'max-msgs': '2', drop: 'off', duplicate: 'off', restart: 'off' };
const noFaults = { servers: '3', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's2' };
const figure8 = { ...noFaults, 'max-term': '4', 'max-log': '2', 'max-restarts': 'none' };

// s1 elected in term 2 by s2, its entry replicated to s2 and committed (raft-readindex.test.ts).
const s1Committed = [
  'Timeout(s1)', ...election('s1', 's2', 2), 'ClientRequest(s1, v1)', 'AppendEntries(s1, s2)',
  'Receive(AppendEntriesRequest s1->s2 term 2 prev 0/0 entries [2:v1] commit 0)', 'Receive(AppendEntriesRequest s1->s2 term 2 prev 0/0 entries [2:v1] commit 0)',
  'Receive(AppendEntriesResponse s2->s1 term 2 success match 1)', 'AdvanceCommitIndex(s1)',
];
const snapshots = { snapshots: 'on', 'max-term': '2' };
const swap4 = { servers: '4', membership: 'joint', voters: 's1,s2,s3', learners: 's4', 'max-term': '3', 'max-log': '1' };
const learner4 = { ...swap4, targets: 's1,s2,s3,s4', 'max-term': '2', passive: 's3,s4' };
// Voters s1..s4 and learner s5, s5 added and s1 removed (raft-single-server.test.ts).
const addAndRemove = {
  servers: '5', membership: 'single', voters: 's1,s2,s3,s4', learners: 's5', targets: 's1,s2,s3,s4,s5;s2,s3,s4',
  'max-term': '4', 'max-log': '1', passive: 's3,s4,s5', history: 'off', 'max-restarts': '0', drop: 'off', duplicate: 'off',
};
const rows: readonly Row[] = [
  { file: 'raft-forget-vote-on-restart.txt', protocol: 'raft', variant: 'forget-vote-on-restart', flags: { servers: '3', 'max-term': '2', 'max-log': '0', drop: 'off', duplicate: 'off' } },
  { file: 'raft-vote-without-log-check.txt', protocol: 'raft', variant: 'vote-without-log-check', flags: { ...noFaults, 'max-term': '3', 'max-log': '1' } },
  { file: 'raft-commit-previous-term.txt', protocol: 'raft', variant: 'commit-previous-term', flags: figure8, prefix: { names: figure8b } },
  { file: 'raft-append-without-log-check.txt', protocol: 'raft', variant: 'append-without-log-check', flags: figure8, prefix: { names: figure8b }, beyond: 1 },
  { file: 'raft-timeout-without-prevote.txt', protocol: 'raft', variant: 'timeout-without-prevote', flags: { prevote: 'on' } },
  // The runtime has no snapshot or session actions yet (docs/runtime.md): run by the heartbeat timer when widened.
  { file: 'raft-snapshot-past-commit.txt', protocol: 'raft', variant: 'snapshot-past-commit', flags: { ...snapshots, 'max-log': '1' }, unlisted: /step 12: TakeSnapshot\(s1\)/ },
  { file: 'raft-snapshot-past-commit-committed-on-quorum.txt', protocol: 'raft', variant: 'snapshot-past-commit', flags: { ...snapshots, servers: '3', passive: 's3', 'max-term': '3', 'max-log': '1', 'max-restarts': '0', drop: 'off', duplicate: 'off' }, unlisted: /step 13: TakeSnapshot\(s1\)/ },
  { file: 'raft-discard-log-on-install-snapshot.txt', protocol: 'raft', variant: 'discard-log-on-install-snapshot', flags: { ...snapshots, 'max-msgs': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off' }, unlisted: /step 21: TakeSnapshot\(s1\)/ },
  { file: 'raft-no-session-table.txt', protocol: 'raft', variant: 'no-session-table', flags: { sessions: 'on', 'max-term': '2' }, unlisted: /step 22: ApplyCommitted\(s1\)/ },
  // A read starts by the node loop's read path (NodeRuntime.reads), not a timer; Tick is the model's clock, the runtime reads Date.now.
  { file: 'raft-read-without-confirmation.txt', protocol: 'raft', variant: 'read-without-confirmation', flags: { servers: '3', 'max-term': '3', 'max-log': '2', 'max-restarts': '0', drop: 'off', duplicate: 'off', passive: 's3', readindex: 'on' }, prefix: { names: s1Committed }, unlisted: /step 22: ReadIndexStart\(s1, 2\)/ },
  { file: 'raft-expire-by-local-time.txt', protocol: 'raft', variant: 'expire-by-local-time', flags: { sessions: 'on', 'max-term': '2', 'max-log': '1', 'session-timeout': '0', 'max-clock': '1' }, unlisted: /step 4: Tick\(s1\)/ },
  // Membership changes are in the model only (docs/raft.md): no runtime timer proposes a configuration.
  { file: 'raft-no-joint-phase.txt', protocol: 'raft', variant: 'no-joint-phase', flags: { ...swap4, targets: 's3,s4', passive: 's2,s4' }, unlisted: /step 20: ProposeConfig\(s3, \{s3, s4\}\)/ },
  { file: 'raft-learner-votes.txt', protocol: 'raft', variant: 'learner-votes', flags: learner4 },
  { file: 'raft-learner-votes-election-safety.txt', protocol: 'raft', variant: 'learner-votes', flags: learner4 },
  { file: 'raft-learner-acks.txt', protocol: 'raft', variant: 'learner-acks', flags: { ...learner4, 'max-term': '3', passive: 's2,s3' } },
  { file: 'raft-single-server-no-noop.txt', protocol: 'raft', variant: 'single-server-no-noop', flags: addAndRemove, unlisted: /step 15: ProposeConfig\(s1, \{s1, s2, s3, s4, s5\}\)/ },
  { file: 'multipaxos-skip-reproposal.txt', protocol: 'multipaxos', variant: 'skip-reproposal', flags: mp, prefix: { names: chosenAtR1, correct: { ...mp, drop: 'on' } } },
  { file: 'multipaxos-skip-phase1.txt', protocol: 'multipaxos', variant: 'skip-phase1', flags: mp, prefix: { names: chosenAtR1, correct: { ...mp, drop: 'on' } } },
  // The heartbeat sends no Accept for a slot its leader knows decided, nor to an acceptor that accepted
  // the slot in the leader's ballot (multipaxos/runtime.ts): these traces take such a step.
  { file: 'multipaxos-same-ballot-leaders.txt', protocol: 'multipaxos', variant: 'same-ballot-leaders', flags: mp, prefix: { names: [...elect('r1', ['r1', 'r2']), ...elect('r2', ['r2', 'r3'])] }, unlisted: /step 17: SendAccept\(r2, r2, 1\)/ },
  { file: 'multipaxos-skip-reproposal-init.txt', protocol: 'multipaxos', variant: 'skip-reproposal', flags: twoLeaders, unlisted: /step 29: SendAccept\(r2, r2, 1\)/ },
  { file: 'multipaxos-skip-phase1-init.txt', protocol: 'multipaxos', variant: 'skip-phase1', flags: twoLeaders, unlisted: /step 17: SendAccept\(r2, r2, 1\)/ },
  { file: 'multipaxos-same-ballot-leaders-init.txt', protocol: 'multipaxos', variant: 'same-ballot-leaders', flags: twoLeaders, unlisted: /step 29: SendAccept\(r2, r2, 1\)/ },
];

describe('pinned counterexamples replay through the node loop', () => {
  it('every pinned counterexample of a Raft or Multi-Paxos variant has a row', () => {
    const dir = new URL('../model-check/__traces__/', import.meta.url);
    const pinned = readdirSync(dir).filter((f) => /^(raft|multipaxos)-/.test(f) && !f.includes('lasso'));
    expect(rows.map((r) => r.file).sort()).toEqual(pinned.sort());
  });

  it.each(rows.map((r) => [r.file, r] as const))('%s', async (_, r) => {
    const b = behaviour(r);
    expect(b.beyond).toBe(r.beyond ?? 0);
    // Strict: every step by the runtime's own path for it, or a stop at the first step no timer lists.
    if (r.unlisted === undefined) {
      const report = await replay(b, b.ids);
      expect(report.steps).toBe(b.actions.length);
      // The one reaction the runtime adds (a new leader's no-op, Raft §5.4.2) is not in the model: not run, and named.
      for (const s of report.skippedReactions) expect(s).toMatch(/: ClientRequest after /);
    } else {
      await expect(replay(b, b.ids)).rejects.toThrow(new RegExp(`${r.unlisted.source}: the runtime has no path`));
      const report = await replay(b, b.ids, { widen: true });
      expect(report.widened[0]).toMatch(r.unlisted);
    }
  }, 60_000);

  it("a runtime stepping with the correct handlers instead of the variant's is caught at the first step that differs", async () => {
    const r = rows[0] as Row;
    const correct = built('raft', r.flags, null).runtime;
    await expect(replay(behaviour(r, correct), ['s1', 's2', 's3'])).rejects.toThrow(/^step 10: Restart\(s2\): s2's state differs from the model's/);
  }, 60_000);
});
