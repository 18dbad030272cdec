// RequestCatchUp, HandleCatchUpRequest, HandleCatchUpReply (spec/MultiPaxos.tla): a learner that decided a slot
// after one it missed asks another learner for the values decided from its first open slot on.
import { describe, expect, it } from 'vitest';
import { requestCatchUp } from '../../../src/multipaxos/actions/requestCatchUp.ts';
import { handleCatchUpReply } from '../../../src/multipaxos/handlers/handleCatchUpReply.ts';
import { handleCatchUpRequest } from '../../../src/multipaxos/handlers/handleCatchUpRequest.ts';
import { multiPaxosProtocol, runtimeConfig, type Replica } from '../../../src/multipaxos/index.ts';

const c = runtimeConfig(['r1', 'r2', 'r3']);
const fresh = (): Replica => multiPaxosProtocol.init('r1', c);
const c1 = { client: 'c1', seq: 1 };
const c2 = { client: 'c2', seq: 1 };

describe('RequestCatchUp', () => {
  it('asks for the values from the first open slot when a later slot is decided (§2.3)', () => {
    const s = { ...fresh(), decided: [{ slot: 1, val: c1 }, { slot: 3, val: c2 }], executed: 1 };
    expect(requestCatchUp(s, 'r1', 'r2', c)).toEqual({ state: s, send: [{ type: 'CatchUpRequest', source: 'r1', dest: 'r2', from: 2 }] });
  });
  it('is not enabled without a gap, nor towards itself', () => {
    const s = { ...fresh(), decided: [{ slot: 1, val: c1 }, { slot: 2, val: c2 }] };
    expect(requestCatchUp(s, 'r1', 'r2', c)).toBeNull();
    expect(requestCatchUp(fresh(), 'r1', 'r2', c)).toBeNull();
    expect(requestCatchUp({ ...s, decided: [{ slot: 2, val: c2 }] }, 'r1', 'r1', c)).toBeNull();
  });
});

describe('HandleCatchUpRequest', () => {
  it('replies with every decided value from m.from on', () => {
    const s = { ...fresh(), decided: [{ slot: 1, val: c1 }, { slot: 2, val: 'noop' as const }, { slot: 3, val: c2 }] };
    expect(handleCatchUpRequest(s, 'r1', { type: 'CatchUpRequest', source: 'r3', dest: 'r1', from: 2 }, c)).toEqual({
      state: s,
      send: [{ type: 'CatchUpReply', source: 'r1', dest: 'r3', decided: [{ slot: 2, val: 'noop' }, { slot: 3, val: c2 }] }],
    });
  });
  it('drops the request when it knows nothing from m.from on', () => {
    const s = { ...fresh(), decided: [{ slot: 1, val: c1 }] };
    expect(handleCatchUpRequest(s, 'r1', { type: 'CatchUpRequest', source: 'r3', dest: 'r1', from: 2 }, c)).toEqual({ state: s, send: [] });
  });
});

describe('HandleCatchUpReply', () => {
  it('adds the slots it had not decided and keeps the ones it had', () => {
    const s = { ...fresh(), decided: [{ slot: 2, val: c2 }] };
    const r = handleCatchUpReply(s, 'r3', { type: 'CatchUpReply', source: 'r1', dest: 'r3', decided: [{ slot: 1, val: c1 }, { slot: 2, val: c2 }] }, c);
    expect(r).toEqual({ state: { ...s, decided: [{ slot: 1, val: c1 }, { slot: 2, val: c2 }] }, send: [] });
  });
  it('changes nothing when every slot is known', () => {
    const s = { ...fresh(), decided: [{ slot: 1, val: c1 }] };
    expect(handleCatchUpReply(s, 'r3', { type: 'CatchUpReply', source: 'r1', dest: 'r3', decided: [{ slot: 1, val: c1 }] }, c)).toEqual({ state: s, send: [] });
  });
});
