import { describe, expect, it } from 'vitest';
import { clientRequest } from '../../../src/raft/actions/clientRequest.ts';
import { config, log, server } from '../../helpers/raft.ts';

const c = config();

describe('ClientRequest', () => {
  it('a leader appends the value with its current term (Fig. 2 Leaders: command from client)', () => {
    const s = server({ currentTerm: 3, state: 'Leader', log: log(1) });
    expect(clientRequest(s, 's1', 'v2', c)).toEqual({ state: { ...s, log: [...log(1), { term: 3, value: 'v2' }] }, send: [] });
  });

  it('takes values of any plain shape (the runtime puts client commands there)', () => {
    const s = server({ currentTerm: 2, state: 'Leader' });
    const v = { op: 'put', key: 'k', value: [1, 2] };
    expect(clientRequest(s, 's1', v, c)?.state.log).toEqual([{ term: 2, value: v }]);
  });

  it('is not enabled unless leader (guard state[i] = Leader)', () => {
    expect(clientRequest(server(), 's1', 'v1', c)).toBeNull();
    expect(clientRequest(server({ state: 'Candidate' }), 's1', 'v1', c)).toBeNull();
  });
});
