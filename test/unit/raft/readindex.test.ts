// ReadIndex in the model (Raft thesis §6.4): each handler's guard and effect.
import { describe, expect, it } from 'vitest';
import { advanceCommitIndex } from '../../../src/raft/actions/advanceCommitIndex.ts';
import { readIndexAnswer } from '../../../src/raft/actions/readIndexAnswer.ts';
import { readIndexConfirm } from '../../../src/raft/actions/readIndexConfirm.ts';
import { readIndexStart } from '../../../src/raft/actions/readIndexStart.ts';
import { restart } from '../../../src/raft/actions/restart.ts';
import { handleReadIndexRequest } from '../../../src/raft/handlers/handleReadIndexRequest.ts';
import { handleReadIndexResponse } from '../../../src/raft/handlers/handleReadIndexResponse.ts';
import { receive } from '../../../src/raft/handlers/receive.ts';
import { handlers, type ReadState, type Server } from '../../../src/raft/index.ts';
import { readWithoutConfirmation } from '../../../src/raft/variants/readWithoutConfirmation.ts';
import { config, log, per, server } from '../../helpers/raft.ts';

const on = config({ readIndex: { maxReads: null } });
const none: ReadState = { id: 0, pending: false, index: 0, acks: [], acked: 0 };
const leader = (over: Partial<Server> = {}): Server =>
  server({ state: 'Leader', currentTerm: 2, log: log(1, 2), commitIndex: 2, read: none, acknowledged: 2, nextIndex: per(3), ...over });
const pending = (over: Partial<ReadState> = {}): ReadState => ({ id: 1, pending: true, index: 2, acks: ['s1'], acked: 2, ...over });

describe('ReadIndex (thesis §6.4)', () => {
  it('ReadIndexStart records the commit index once an entry of the leader\'s term is committed', () => {
    expect(readIndexStart(leader(), 's1', 1, on)?.state.read).toEqual({ id: 1, pending: true, index: 2, acks: ['s1'], acked: 1 });
    // entry 2 is of term 2, but only entry 1 (term 1) is committed: the new leader waits
    expect(readIndexStart(leader({ commitIndex: 1 }), 's1', 0, on)).toBeNull();
    expect(readIndexStart(leader({ state: 'Follower' }), 's1', 0, on)).toBeNull();
    expect(readIndexStart(leader({ read: pending() }), 's1', 0, on)).toBeNull();
    expect(readIndexStart(leader(), 's1', 0, config())).toBeNull();
  });

  it('ReadIndexConfirm asks each peer that has not confirmed, with the read\'s id', () => {
    const s = leader({ read: pending({ acks: ['s1', 's2'] }) });
    expect(readIndexConfirm(s, 's1', 's3', on)?.send).toEqual([{ type: 'ReadIndexRequest', term: 2, id: 1, source: 's1', dest: 's3' }]);
    expect(readIndexConfirm(s, 's1', 's2', on)).toBeNull();
    expect(readIndexConfirm(s, 's1', 's1', on)).toBeNull();
    expect(readIndexConfirm(leader(), 's1', 's2', on)).toBeNull();
  });

  it('a server answers with its own term; a newer term makes it update its term first', () => {
    const m = { type: 'ReadIndexRequest', term: 2, id: 1, source: 's1', dest: 's2' } as const;
    expect(handleReadIndexRequest(server({ currentTerm: 3 }), 's2', 's1', m, on)?.send).toEqual([{ type: 'ReadIndexResponse', term: 3, id: 1, source: 's2', dest: 's1' }]);
    expect(handleReadIndexRequest(server({ currentTerm: 1 }), 's2', 's1', m, on)).toBeNull();
    expect(receive(handlers, server({ currentTerm: 1 }), m, on)?.keep).toBe(true);
  });

  it('the leader counts a confirmation of its pending read only; a stale term is dropped, a newer one deposes it', () => {
    const s = leader({ read: pending() });
    const m = { type: 'ReadIndexResponse', term: 2, id: 1, source: 's2', dest: 's1' } as const;
    expect(handleReadIndexResponse(s, 's1', 's2', m, on)?.state.read?.acks).toEqual(['s1', 's2']);
    expect(handleReadIndexResponse(s, 's1', 's2', { ...m, id: 0 }, on)?.state).toBe(s);
    expect(receive(handlers, s, { ...m, term: 1 }, on)?.state).toBe(s);
    expect(receive(handlers, s, { ...m, term: 3 }, on)?.state.state).toBe('Follower');
  });

  it('ReadIndexAnswer needs a quorum of confirmations and the read index committed; the variant skips the quorum', () => {
    const ready = leader({ read: pending({ acks: ['s1', 's3'] }) });
    expect(readIndexAnswer(ready, 's1', on)?.state.read).toEqual({ ...none, id: 1 });
    expect(readIndexAnswer(leader({ read: pending() }), 's1', on)).toBeNull();
    expect(readIndexAnswer(leader({ read: pending({ acks: ['s1', 's3'], index: 3 }) }), 's1', on)).toBeNull();
    expect(readWithoutConfirmation.replaces.readIndexAnswer?.(leader({ read: pending() }), 's1', on)?.state.read?.pending).toBe(false);
  });

  it('Restart loses a pending read but keeps its id and acknowledged; AdvanceCommitIndex acknowledges what it commits', () => {
    const t = restart(leader({ read: pending() }), 's1', on);
    expect([t.read, t.acknowledged]).toEqual([{ ...none, id: 1 }, 2]);
    const s = leader({ commitIndex: 1, acknowledged: 1, matchIndex: per(2) });
    expect(advanceCommitIndex(s, 's1', on)?.state.acknowledged).toBe(2);
  });
});
