// The acceptor's two handlers and the proposer's retry, branch by branch (Paxos Made Simple §2.2).
import { describe, expect, it } from 'vitest';
import { handleAccept } from '../../../src/basicpaxos/handlers/handleAccept.ts';
import { handleNack } from '../../../src/basicpaxos/handlers/handleNack.ts';
import { handlePrepare } from '../../../src/basicpaxos/handlers/handlePrepare.ts';
import { handlePromise } from '../../../src/basicpaxos/handlers/handlePromise.ts';
import { parseConfig, type Acceptor, type Ballot, type Proposer } from '../../../src/basicpaxos/index.ts';

const c = parseConfig({}).config;
const b = (round: number, proposer: string): Ballot => ({ round, proposer });
const acceptor = (promised: Ballot | null, accepted: Acceptor['accepted'] = null): Acceptor => ({ role: 'Acceptor', promised, accepted });
const proposer = (over: Partial<Proposer>): Proposer => ({ role: 'Proposer', ballot: b(0, 'p1'), value: 'v1', phase: 'Phase1', promises: [], highest: null, proposal: null, ...over });

describe('HandlePrepare', () => {
  it('promises a ballot above its promise and reports its vote (Phase 1(b))', () => {
    const r = handlePrepare(acceptor(b(0, 'p1'), { bal: b(0, 'p1'), val: 'v1' }), 'a1', { type: 'Prepare', source: 'p2', dest: 'a1', bal: b(0, 'p2') }, c);
    expect(r?.state).toEqual(acceptor(b(0, 'p2'), { bal: b(0, 'p1'), val: 'v1' }));
    expect(r?.send).toEqual([{ type: 'Promise', source: 'a1', dest: 'p2', bal: b(0, 'p2'), accepted: { bal: b(0, 'p1'), val: 'v1' } }]);
  });
  it('answers a ballot below its promise with a Nack carrying the promise (P1a)', () => {
    const s = acceptor(b(1, 'p1'));
    const r = handlePrepare(s, 'a1', { type: 'Prepare', source: 'p2', dest: 'a1', bal: b(0, 'p2') }, c);
    expect(r?.state).toBe(s);
    expect(r?.send).toEqual([{ type: 'Nack', source: 'a1', dest: 'p2', bal: b(0, 'p2'), higher: b(1, 'p1') }]);
  });
});

describe('HandleAccept', () => {
  it('accepts at its promise and tells every learner (Phase 2(b), §2.3)', () => {
    const r = handleAccept(acceptor(b(0, 'p2')), 'a1', { type: 'Accept', source: 'p2', dest: 'a1', bal: b(0, 'p2'), val: 'v2' }, c);
    expect(r?.state).toEqual(acceptor(b(0, 'p2'), { bal: b(0, 'p2'), val: 'v2' }));
    expect(r?.send).toEqual([{ type: 'Accepted', source: 'a1', dest: 'l1', bal: b(0, 'p2'), val: 'v2' }]);
  });
  it('never accepts below its promise (P1a)', () => {
    const r = handleAccept(acceptor(b(0, 'p2')), 'a1', { type: 'Accept', source: 'p1', dest: 'a1', bal: b(0, 'p1'), val: 'v1' }, c);
    expect(r?.state).toEqual(acceptor(b(0, 'p2')));
    expect(r?.send.map((m) => m.type)).toEqual(['Nack']);
  });
});

describe('HandlePromise and HandleNack', () => {
  it('with a quorum, proposes the value of the highest-numbered vote reported (P2c)', () => {
    const s = proposer({ ballot: b(1, 'p1'), promises: ['a1'], highest: { bal: b(0, 'p2'), val: 'v2' } });
    const r = handlePromise(s, 'p1', { type: 'Promise', source: 'a2', dest: 'p1', bal: b(1, 'p1'), accepted: null }, c);
    expect(r?.state).toEqual(proposer({ ballot: b(1, 'p1'), phase: 'Phase2', proposal: 'v2' }));
  });
  it('retries above the higher ballot of a Nack for its current ballot', () => {
    const r = handleNack(proposer({ phase: 'Phase2', proposal: 'v1' }), 'p1', { type: 'Nack', source: 'a1', dest: 'p1', bal: b(0, 'p1'), higher: b(2, 'p2') }, c);
    expect(r?.state).toEqual(proposer({ ballot: b(3, 'p1') }));
  });
  it('discards a Nack for a ballot it has left', () => {
    const s = proposer({ ballot: b(1, 'p1') });
    expect(handleNack(s, 'p1', { type: 'Nack', source: 'a1', dest: 'p1', bal: b(0, 'p1'), higher: b(0, 'p2') }, c)?.state).toBe(s);
  });
});
