// Bounded state of a running replica (src/multipaxos/compact.ts): a long deterministic run of the runtime's own
// actions (timers, commands, every message delivered in order) keeps acks, proposals and applied bounded at
// every replica, while every replica still executes every command once, in slot order.
import { describe, expect, it } from 'vitest';
import { APPLIED_WINDOW, compact, decidedPrefix } from '../../../src/multipaxos/compact.ts';
import { multiPaxosProtocol, multiPaxosRuntime, type MpAction, type MpMessage, type Replica } from '../../../src/multipaxos/index.ts';

const ids = ['s1', 's2', 's3'];
const rt = multiPaxosRuntime(multiPaxosProtocol, ids);

/** Steps node i with input x if enabled; queues what it sends. */
function run(nodes: Record<string, Replica>, net: MpMessage[], i: string, x: MpAction | { type: 'Receive'; m: MpMessage }): void {
  const r = rt.step(i, nodes[i] as Replica, x);
  if (r === null) return;
  nodes[i] = r.state;
  net.push(...r.send);
}

const delivered = new Map<string, number>();
function settle(nodes: Record<string, Replica>, net: MpMessage[], drop: (m: MpMessage) => boolean = () => false): void {
  for (let m = net.shift(); m !== undefined; m = net.shift()) {
    if (drop(m)) continue;
    delivered.set(m.type, (delivered.get(m.type) ?? 0) + 1);
    run(nodes, net, m.dest, { type: 'Receive', m });
  }
}

const tick = (nodes: Record<string, Replica>, net: MpMessage[], timer: string): void => {
  for (const i of ids) for (const a of rt.timers[timer]?.actions(i, nodes[i] as Replica) ?? []) run(nodes, net, i, a);
};

describe('compact', () => {
  it('decidedPrefix finds the contiguous decided prefix by bisection', () => {
    const s = rt.restore('s1', null);
    const d = (...slots: number[]): Replica => ({ ...s, decided: slots.map((slot) => ({ slot, val: 'noop' as const })) });
    expect([d(), d(1), d(1, 2, 3), d(2, 3), d(1, 2, 4, 5), d(1, 3)].map(decidedPrefix)).toEqual([0, 1, 3, 0, 2, 1]);
  });

  it('drops acks and proposals of decided slots (but the last proposal) and trims applied to the window', () => {
    const bal = { round: 0, leader: 's1' };
    const cmds = Array.from({ length: 2 * APPLIED_WINDOW + 1 }, (_, k) => ({ client: 'c', seq: k + 1, body: [k] }));
    const s: Replica = {
      ...rt.restore('s1', null),
      proposals: [{ slot: 1, val: 'noop' }, { slot: 2, val: 'noop' }, { slot: 3, val: 'noop' }],
      acks: [{ slot: 1, bal, val: 'noop', acc: 's2' }, { slot: 3, bal, val: 'noop', acc: 's2' }],
      decided: [{ slot: 1, val: 'noop' }, { slot: 3, val: 'noop' }],
      applied: cmds,
    };
    const t = compact(s);
    expect(t.proposals).toEqual([{ slot: 2, val: 'noop' }, { slot: 3, val: 'noop' }]);
    expect(t.acks).toEqual([]);
    expect(t.applied).toEqual(cmds.slice(-APPLIED_WINDOW).map((x) => ({ client: x.client, seq: x.seq })));
    expect(compact(t)).toBe(t);
  });
});

describe('a long run', () => {
  it('keeps acks, proposals and applied bounded over 400 commands, a follower losing every tenth slot', () => {
    const nodes: Record<string, Replica> = Object.fromEntries(ids.map((i) => [i, rt.restore(i, null)]));
    const net: MpMessage[] = [];
    const leader = 's1';
    for (const a of rt.timers['election']?.actions(leader, nodes[leader] as Replica) ?? []) run(nodes, net, leader, a);
    settle(nodes, net);
    expect((nodes[leader] as Replica).role).toBe('Leader');
    // s2 loses every Accept and Accepted of every tenth slot from the others: a gap only catch-up fills.
    const lossy = (m: MpMessage): boolean => m.dest === 's2' && m.source !== 's2' && (m.type === 'Accept' || m.type === 'Accepted') && m.slot % 10 === 5;
    let most = { acks: 0, proposals: 0, applied: 0 };
    for (let k = 1; k <= 400; k += 1) {
      run(nodes, net, leader, rt.command(leader, nodes[leader] as Replica, [{ op: 'put', key: 'a', value: k }]) as MpAction);
      tick(nodes, net, 'heartbeat');
      settle(nodes, net, lossy);
      tick(nodes, net, 'heartbeat');
      settle(nodes, net, lossy);
      for (const s of Object.values(nodes)) most = { acks: Math.max(most.acks, s.acks.length), proposals: Math.max(most.proposals, s.proposals.length), applied: Math.max(most.applied, s.applied.length) };
    }
    tick(nodes, net, 'heartbeat');
    settle(nodes, net, lossy);
    tick(nodes, net, 'heartbeat');
    // Every replica executed every slot (400 commands), s2 through catch-up where it lost messages.
    for (const i of ids) expect([i, (nodes[i] as Replica).executed]).toEqual([i, 400]);
    expect(delivered.get('CatchUpReply')).toBeGreaterThan(0);
    expect(most.acks).toBeLessThanOrEqual(2 * ids.length);
    expect(most.proposals).toBeLessThanOrEqual(2);
    expect(most.applied).toBeLessThanOrEqual(2 * APPLIED_WINDOW);
    // The log itself (decided, accepted) is what the state machine is rebuilt from: it grows, as Raft's does.
    expect((nodes['s3'] as Replica).decided.length).toBe(400);
  });
});
