// SendHandOff and HandleHandOff (spec/MultiPaxos.tla): before a planned stop the leader asks a candidate to run
// Phase 1 at once, in its smallest ballot above the leader's.
import { describe, expect, it } from 'vitest';
import { sendHandOff } from '../../../src/multipaxos/actions/sendHandOff.ts';
import { handleHandOff } from '../../../src/multipaxos/handlers/handleHandOff.ts';
import { multiPaxosProtocol, multiPaxosRuntime, runtimeConfig, type HandOff, type Replica } from '../../../src/multipaxos/index.ts';

const c = runtimeConfig(['r1', 'r2', 'r3']);
const fresh = (): Replica => multiPaxosProtocol.init('r1', c);
const leader: Replica = { ...fresh(), role: 'Leader', ballot: { round: 2, leader: 'r2' }, promised: { round: 2, leader: 'r2' } };
const m = (dest: string): HandOff => ({ type: 'HandOff', source: 'r2', dest, bal: { round: 2, leader: 'r2' } });

describe('SendHandOff', () => {
  it('a leader asks another candidate to take over', () => {
    expect(sendHandOff(leader, 'r2', 'r3', c)).toEqual({ state: leader, send: [m('r3')] });
  });
  it('is not enabled when off, at a non-leader, towards itself or a replica that may not lead', () => {
    expect(sendHandOff(leader, 'r2', 'r3', { ...c, handOff: false })).toBeNull();
    expect(sendHandOff(fresh(), 'r2', 'r3', c)).toBeNull();
    expect(sendHandOff(leader, 'r2', 'r2', c)).toBeNull();
    expect(sendHandOff(leader, 'r2', 'r3', { ...c, candidates: ['r1', 'r2'] })).toBeNull();
  });
});

describe('HandleHandOff', () => {
  it('starts Phase 1 in the smallest ballot above the leader\'s: the same round for a higher name, else the next', () => {
    const s: Replica = { ...fresh(), decided: [{ slot: 1, val: 'noop' }] };
    expect(handleHandOff(s, 'r3', m('r3'), c)?.state).toMatchObject({ role: 'Candidate', ballot: { round: 2, leader: 'r3' }, base: 2 });
    expect(handleHandOff(s, 'r1', m('r1'), c)?.state).toMatchObject({ role: 'Candidate', ballot: { round: 3, leader: 'r1' } });
    expect(handleHandOff({ ...s, ballot: { round: 4, leader: 'r1' } }, 'r1', m('r1'), c)?.state.ballot).toEqual({ round: 5, leader: 'r1' });
  });
  it('a leader, or a replica that may not lead, drops it', () => {
    expect(handleHandOff(leader, 'r2', m('r2'), c)).toEqual({ state: leader, send: [] });
    expect(handleHandOff(fresh(), 'r3', m('r3'), { ...c, candidates: ['r1', 'r2'] })).toEqual({ state: fresh(), send: [] });
  });
  it('the runtime hands off through SendHandOff to each peer in turn (the first enabled one is taken)', () => {
    const rt = multiPaxosRuntime(multiPaxosProtocol, ['r1', 'r2', 'r3']);
    expect(rt.handOff('r2', leader)).toEqual([{ type: 'SendHandOff', j: 'r1' }, { type: 'SendHandOff', j: 'r3' }]);
    expect(rt.step('r2', leader, { type: 'SendHandOff', j: 'r1' })?.send).toEqual([m('r1')]);
  });
});
