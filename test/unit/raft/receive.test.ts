import { match } from 'ts-pattern';
import { describe, expect, it } from 'vitest';
import { receive } from '../../../src/raft/handlers/receive.ts';
import { handlers } from '../../../src/raft/index.ts';
import type { RaftMessage } from '../../../src/raft/index.ts';
import { aeReq, aeResp, config, rvReq, rvResp, server } from '../../helpers/raft.ts';

const c = config();

describe('Receive', () => {
  it('a newer term goes to UpdateTerm first and the message stays', () => {
    expect(receive(handlers, server(), aeReq({ term: 2, source: 's2', dest: 's1' }), c)).toEqual({ state: server({ currentTerm: 2 }), send: [], keep: true });
  });

  it('dispatches each message type to its handler', () => {
    const s = server({ currentTerm: 2 });
    expect(receive(handlers, s, rvReq(), c)?.send[0]?.type).toBe('RequestVoteResponse');
    expect(receive(handlers, s, aeReq(), c)?.send[0]?.type).toBe('AppendEntriesResponse');
    expect(receive(handlers, { ...s, state: 'Candidate' }, rvResp(), c)?.state.votesGranted).toEqual(['s2']);
    expect(receive(handlers, { ...s, state: 'Leader' }, aeResp({ matchIndex: 0 }), c)?.state.nextIndex['s2']).toBe(1);
  });

  it('stale responses go to DropStaleResponse', () => {
    const s = server({ currentTerm: 3 });
    expect(receive(handlers, s, rvResp({ term: 2 }), c)).toEqual({ state: s, send: [] });
    expect(receive(handlers, s, aeResp({ term: 2 }), c)).toEqual({ state: s, send: [] });
  });

  it('an unhandled message type fails .exhaustive() at compile time (type-level test)', () => {
    const m = rvReq() as RaftMessage;
    const partial = () =>
      match(m)
        .with({ type: 'RequestVoteRequest' }, () => 1)
        .with({ type: 'RequestVoteResponse' }, () => 2)
        .with({ type: 'AppendEntriesRequest' }, () => 3)
        // @ts-expect-error AppendEntriesResponse is not handled, so exhaustive() does not type-check.
        .exhaustive();
    expect(partial()).toBe(1);
  });
});
