// Multi-Paxos through the runtime's contract: the adapter's answers, and three in-memory nodes that
// elect a leader, commit client commands and recover a restarted replica from its durable part.
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPT_WINDOW, durableOf, multiPaxosProtocol, multiPaxosRuntime } from '../../../src/multipaxos/index.ts';
import type { MpAction, MpMessage, Replica } from '../../../src/multipaxos/index.ts';
import { Node } from '../../../src/runtime/node.ts';
import type { Outcome } from '../../../src/runtime/node.ts';

const ids = ['s1', 's2', 's3'];
const rt = multiPaxosRuntime(multiPaxosProtocol, ids);
const fresh = (): Replica => rt.restore('s1', null);
const leaderOf = (s: Replica, round: number): Replica => ({ ...s, ballot: { round, leader: 's1' }, promised: { round, leader: 's1' }, role: 'Leader' });

describe('multiPaxosRuntime', () => {
  it('election timer: StartElection until the ballot passes the promised one, then Prepare to every replica', () => {
    const prepares = ids.map((j) => ({ type: 'SendPrepare', j }));
    expect(rt.timers['election']?.actions('s1', fresh())).toEqual([{ type: 'StartElection' }, ...prepares]);
    // s1 promised (2, s3): rounds 0, 1, 2 are below it, (3, s1) is above.
    const s = { ...fresh(), promised: { round: 2, leader: 's3' } };
    expect(rt.timers['election']?.actions('s1', s)).toEqual([...Array(4).fill({ type: 'StartElection' }), ...prepares]);
    let t: Replica = s;
    for (const a of (rt.timers['election']?.actions('s1', s) ?? []).slice(0, 4)) t = rt.step('s1', t, a as MpAction)?.state ?? t;
    expect(t.ballot).toEqual({ round: 3, leader: 's1' });
  });

  it('a client command is a ClientRequest named by the leader, its round and the slot it takes', () => {
    const s = leaderOf(fresh(), 4);
    expect(rt.command('s1', s, [{ op: 'get', key: 'a' }])).toEqual({ type: 'ClientRequest', cmd: { client: 's1/4', seq: 1, body: [{ op: 'get', key: 'a' }] } });
    expect(rt.command('s1', fresh(), [])).toBeNull();
    const r = rt.step('s1', s, rt.command('s1', s, []) as MpAction);
    expect(r !== null && rt.view(r.state).lastIndex).toBe(1);
    expect(r !== null && rt.entryId(r.state, 1)).toBe('s1/4#1');
  });

  it('a new leader proposes an empty batch; a leader that steps down restarts its election timer', () => {
    const cand = { ...fresh(), role: 'Candidate' as const, ballot: { round: 1, leader: 's1' } };
    expect(rt.reactions('s1', cand, leaderOf(cand, 1), { type: 'StartElection' })).toEqual([{ type: 'ClientRequest', cmd: { client: 's1/1', seq: 1, body: [] } }]);
    expect(rt.resetsElection('s1', leaderOf(cand, 1), { ...leaderOf(cand, 1), role: 'Follower' }, { type: 'Execute' })).toBe(true);
  });

  it('an Accept in the promised ballot shows its leader', () => {
    const s = { ...fresh(), promised: { round: 2, leader: 's2' } };
    const m: MpMessage = { type: 'Accept', source: 's2', dest: 's1', bal: { round: 2, leader: 's2' }, slot: 1, val: 'noop' };
    expect(rt.leaderShown('s1', s, m)).toBe('s2');
    expect(rt.leaderShown('s1', { ...s, promised: { round: 3, leader: 's3' } }, m)).toBeNull();
  });

  it('heartbeat: Accept for an open proposal goes to acceptors not heard from, and the last proposal to every peer', () => {
    const bal = { round: 1, leader: 's1' };
    const s: Replica = { ...leaderOf(fresh(), 1), proposals: [{ slot: 1, val: 'noop' }], acks: [{ slot: 1, bal, val: 'noop', acc: 's2' }] };
    const accepts = (rt.timers['heartbeat']?.actions('s1', s) ?? []).filter((a) => a.type === 'SendAccept');
    expect(accepts).toEqual([{ type: 'SendAccept', j: 's1', slot: 1 }, { type: 'SendAccept', j: 's3', slot: 1 }, { type: 'SendAccept', j: 's2', slot: 1 }]);
  });

  it('flow control: an acceptor is asked for at most ACCEPT_WINDOW unanswered slots per period, the lowest first', () => {
    const bal = { round: 1, leader: 's1' };
    const proposals = Array.from({ length: ACCEPT_WINDOW + 3 }, (_, k) => ({ slot: k + 1, val: 'noop' as const }));
    const s: Replica = { ...leaderOf(fresh(), 1), proposals, acks: [{ slot: 2, bal, val: 'noop', acc: 's2' }] };
    const to = (j: string) => (rt.timers['heartbeat']?.actions('s1', s) ?? []).flatMap((a) => (a.type === 'SendAccept' && a.j === j ? [a.slot] : []));
    expect(to('s3')).toEqual(proposals.slice(0, ACCEPT_WINDOW).map((x) => x.slot));
    expect(to('s2')).toEqual(proposals.filter((x) => x.slot !== 2).slice(0, ACCEPT_WINDOW).map((x) => x.slot));
  });

  it('a candidate pre-empted by a Nack waits a full election timeout (no duel)', () => {
    const cand: Replica = { ...fresh(), role: 'Candidate', ballot: { round: 1, leader: 's1' } };
    expect(rt.resetsElection('s1', cand, { ...cand, role: 'Follower' }, { type: 'Execute' })).toBe(true);
    expect(rt.resetsElection('s1', cand, cand, { type: 'Execute' })).toBe(false);
  });

  it('heartbeat of a follower with a gap asks the leader it promised to catch up; with no gap it does not', () => {
    const s: Replica = { ...fresh(), promised: { round: 1, leader: 's3' }, decided: [{ slot: 1, val: 'noop' }, { slot: 3, val: 'noop' }] };
    const asks = (t: Replica) => (rt.timers['heartbeat']?.actions('s1', t) ?? []).filter((a) => a.type === 'RequestCatchUp');
    expect(asks(s)).toEqual([{ type: 'RequestCatchUp', j: 's3' }]);
    expect(rt.step('s1', s, { type: 'RequestCatchUp', j: 's3' })?.send).toEqual([{ type: 'CatchUpRequest', source: 's1', dest: 's3', from: 2 }]);
    expect(rt.step('s1', { ...s, decided: [{ slot: 1, val: 'noop' }] }, { type: 'RequestCatchUp', j: 's3' })).toBeNull();
  });

  it('durable is what Restart keeps; restore rebuilds it and refuses anything else', () => {
    const bal = { round: 0, leader: 's1' };
    const s: Replica = { ...leaderOf(fresh(), 0), accepted: [{ slot: 1, bal, val: 'noop' }], decided: [{ slot: 1, val: 'noop' }, { slot: 2, val: 'noop' }], executed: 1 };
    const d = JSON.parse(JSON.stringify(rt.durable(s)));
    expect(d.decided).toEqual([{ slot: 1, val: 'noop' }]);
    const r = rt.restore('s1', d);
    expect(r).toEqual(multiPaxosProtocol.restart('s1', s, { replicas: ids } as never));
    expect(() => durableOf({ ...d, executed: -1 })).toThrow('executed');
    expect(() => durableOf({ ...d, accepted: [{ slot: 1, val: 'noop' }] })).toThrow('accepted');
    expect(() => durableOf({ ...d, decided: [{ slot: 2, val: 'noop' }, { slot: 1, val: 'noop' }] })).toThrow('decided is not a list of slot values in increasing slot order');
  });
});

type MpNode = Node<Replica, MpAction, MpMessage>;
const nodes: MpNode[] = [];
afterEach(() => {
  for (const n of nodes.splice(0)) n.stop();
});

describe('Multi-Paxos nodes (in-memory network)', () => {
  it('elect a leader, apply client commands in slot order, and a restarted replica recovers what it executed', async () => {
    const disk = new Map<string, unknown>();
    const byId = new Map<string, MpNode>();
    const start = (id: string): MpNode => {
      const n: MpNode = new Node({
        id, runtime: rt, recovered: disk.get(id) ?? null,
        storage: { write: async (v) => { disk.set(id, JSON.parse(JSON.stringify(v))); return true; } },
        send: (m) => setTimeout(() => byId.get(m.dest)?.receive(m), Math.random() * 3),
        log: () => {}, timers: { electionMs: [100, 200], heartbeatMs: 10 }, commandTimeoutMs: 3000,
      });
      byId.set(id, n);
      nodes.push(n);
      n.start();
      return n;
    };
    for (const id of ids) start(id);
    const submit = async (c: Parameters<MpNode['submit']>[0]): Promise<Outcome> => {
      for (let k = 0; k < 1000; k += 1) {
        const l = [...byId.values()].find((n) => n.status().role === 'Leader');
        const o = l === undefined ? null : await l.submit(c);
        if (o?.kind === 'done') return o;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('no command committed');
    };
    for (let k = 1; k <= 5; k += 1) expect(await submit({ op: 'put', key: 'a', value: k, client: 'c', seq: k })).toEqual({ kind: 'done', result: { ok: true } });
    expect(await submit({ op: 'get', key: 'a', client: 'r', seq: 1 })).toEqual({ kind: 'done', result: { ok: true, value: 5 } });
    const follower = [...byId.values()].find((n) => n.status().role !== 'Leader') as MpNode;
    const id = follower.status().id;
    for (let k = 0; k < 1000 && follower.state.executed < 3; k += 1) await new Promise((r) => setTimeout(r, 10));
    const executed = follower.state.executed;
    expect(executed).toBeGreaterThanOrEqual(3);
    follower.stop();
    const back = start(id);
    expect(back.state.executed).toBeGreaterThanOrEqual(executed);
    expect(back.state.decided.length).toBeGreaterThanOrEqual(executed);
    expect(back.state.role).toBe('Follower');
  }, 60_000);
});
