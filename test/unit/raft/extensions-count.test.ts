// The new constants explored exhaustively: with MaxAppendEntries 2, RejectHint and LeadershipTransfer
// on, our explorer's counts equal TLC's on spec/MCRaft.cfg with the same constants (docs/raft.md), and
// every invariant holds; with them off, setting A stays raft.tla's (test/model-check/raft.test.ts).
import { describe, expect, it } from 'vitest';
import { compose, explore } from '../../../model-check/index.ts';
import type { Global, Model, Tagged } from '../../../src/core/index.ts';
import { raft, type RaftMessage, type Server } from '../../../src/raft/index.ts';

const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

describe('Raft with batched AppendEntries, reject hint and leadership transfer', () => {
  it('max-term 2, max-append 2, reject-hint on, transfer on: 2,795 distinct, 22,165 generated, depth 31 (as TLC)', async () => {
    const b = raft.build({ ...defaults, 'max-term': '2', 'max-append': '2', 'reject-hint': 'on', transfer: 'on' }, null);
    if (b.kind !== 'node') throw new Error('node expected');
    const m = compose(b.protocol, b.config, b.network) as unknown as Model<Global<Server, RaftMessage>, Tagged>;
    const r = await explore(m, { deadlock: false });
    expect({ distinct: r.distinct, generated: r.generated, depth: r.depth }).toEqual({ distinct: 2795, generated: 22165, depth: 31 });
    expect(r.verdict).toBe('ok');
  }, 120_000);
});
