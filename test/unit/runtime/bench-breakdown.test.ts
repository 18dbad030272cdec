import { describe, expect, it } from 'vitest';
import { breakdown, breakdownTable, parseTrace } from '../../../src/runtime/bench-breakdown.ts';

const round = (o: { first: string; start: number; send: number; write: number; sent: number; end: number; answered: number; cmds: number; in: string; cpu: string }) =>
  `2026-11-29T00:00:00.000Z sX trace round first=${o.first} start=${o.start} send=${o.send} write=${o.write} sent=${o.sent} end=${o.end} answered=${o.answered} cmds=${o.cmds} in=${o.in} cpu=${o.cpu}`;

// One PUT at 100: the leader proposes at 100.2, sends at 100.5, writes 100.6-101.6; s2 has the message
// at 100.8, writes 101.0-102.0; s3 later; the leader has s2's answer at 102.2 and answers at 102.5.
const leader = [
  round({ first: '100.1', start: 100.2, send: 100.5, write: 100.6, sent: 101.6, end: 101.7, answered: 0, cmds: 1, in: '', cpu: '300/500/20' }),
  round({ first: '102.2', start: 102.3, send: 102.4, write: 102.4, sent: 102.45, end: 102.5, answered: 1, cmds: 0, in: 'AppendEntriesResponse', cpu: '100/10/10' }),
  '2026-11-29T00:00:00.000Z s1 trace http PUT /kv/a arrived=100 ended=102.6 answered=102.7',
  '2026-11-29T00:00:00.000Z s1 trace http GET /status arrived=90 ended=90.1 answered=90.2',
].join('\n');
const s2 = round({ first: '100.8', start: 100.9, send: 101.0, write: 101.0, sent: 102.0, end: 102.1, answered: 0, cmds: 0, in: 'AppendEntriesRequest', cpu: '200/400/100' });
const s3 = [
  round({ first: '100.7', start: 100.7, send: 100.7, write: 100.7, sent: 100.7, end: 100.7, answered: 0, cmds: 0, in: 'timer', cpu: '1/1/1' }),
  round({ first: '101.0', start: 101.1, send: 101.3, write: 101.3, sent: 102.3, end: 102.4, answered: 0, cmds: 0, in: 'AppendEntriesRequest', cpu: '200/400/100' }),
].join('\n');

describe('bench breakdown (CC_TRACE node logs)', () => {
  it('parses round and request lines, CPU in ms', () => {
    const t = parseTrace(leader);
    expect(t.rounds).toHaveLength(2);
    expect(t.rounds[0]?.cpu).toEqual([0.3, 0.5, 0.02]);
    expect(t.rounds[1]?.inputs).toEqual(['AppendEntriesResponse']);
    expect(t.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('matches a PUT with the proposing round, the first follower to write and the answering round', () => {
    const { leader: l, puts, writes } = breakdown({ s1: leader, s2, s3 });
    expect(l).toBe('s1');
    expect(puts).toBe(1);
    expect(writes).toHaveLength(1);
    const w = writes[0] as Record<string, number>;
    expect(w['request arrived -> leader round starts']).toBeCloseTo(0.2);
    expect(w['leader: other steps and sends, until its write']).toBeCloseTo(0.1);
    expect(w['leader write (fsync)']).toBeCloseTo(1.0);
    // s2 (written first), not s3's timer round or its later write.
    expect(w['leader sent -> follower has the message']).toBeCloseTo(0.2);
    expect(w['follower write (fsync)']).toBeCloseTo(1.0);
    expect(w['follower write done -> leader has the answer']).toBeCloseTo(0.2);
    expect(w['leader write done -> first answer arrives']).toBeCloseTo(0.6);
    expect(w['res.end -> answer in the kernel']).toBeCloseTo(0.1);
    expect(w['request arrived -> answered (total)']).toBeCloseTo(2.7);
    expect(w['cpu: leader answering round']).toBeCloseTo(0.12);
    expect(breakdownTable({ s1: leader, s2, s3 })).toContain('| leader write (fsync) | 1.000 | 1.000 |');
  });

  it('skips a PUT proposed together with another (not one client alone)', () => {
    const batched = leader.replace('cmds=1', 'cmds=2');
    expect(breakdown({ s1: batched, s2, s3 }).writes).toHaveLength(0);
  });
});
