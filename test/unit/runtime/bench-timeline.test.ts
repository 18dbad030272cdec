// The catch-up row's timeline (src/runtime/bench-timeline.ts) read from node log lines.
import { describe, expect, it } from 'vitest';
import { catchupTimeline } from '../../../src/runtime/bench-timeline.ts';

const at = (t: string, id: string, x: string) => `2026-11-29T14:00:${t}Z ${id} ${x}`;
const base = Date.parse('2026-11-29T14:00:00.000Z');

describe('catchupTimeline', () => {
  it('counts elections by phase and places each snapshot step in ms after the follower served', () => {
    const logs = {
      s1: [
        at('00.300', 's1', 'election: timed out, candidate in term 4 (last index 1, commit 1)'),
        at('01.000', 's1', 'snapshot: received 100 bytes in 4 chunks from s2 over 50.0 ms, parsed in 20.0 ms (5.0 ms at the end)'),
        at('01.500', 's1', 'snapshot: installed index 5 from the leader (100 bytes written in 300.0 ms)'),
        at('01.510', 's1', 'snapshot: loaded index 5 into the KV store (3 keys) in 0.2 ms, its maps built during the write'),
      ].join('\n'),
      s2: [
        at('00.000', 's2', 'snapshot: wrote index 5 (100 bytes in 40.0 ms, captured in 12.0 ms)'),
        at('00.100', 's2', 'election: timed out, candidate in term 3 (last index 5, commit 5)'),
        at('00.600', 's2', 'snapshot: sending snapshot/3/5 to s1 (encoding)'),
        at('00.900', 's2', 'snapshot: sent snapshot/3/5 to s1: 100 bytes in 4 chunks over 300.0 ms'),
        'a line without a timestamp',
      ].join('\n'),
    };
    expect(catchupTimeline('s1', logs, { writesStart: base - 1000, restart: base + 200, serving: base + 500, caughtUp: base + 2000 })).toBe(
      '| catchup timeline | elections: 1 during the writes, 1 during the catch-up; ' +
        "leader's snapshots during the writes: 1, slowest capture 12 ms, slowest file 40 ms; " +
        'after serving: snapshot first sent at 100 ms (1 sends; the first encoded and sent over 300 ms); ' +
        'received at 500 ms (1 copies; transfer 50 ms, parse 20 ms, 5 ms of it at the end); ' +
        'file written by 1000 ms (write 300 ms, so the step took 200 ms); KV loaded by 1010 ms (0 ms); log tail until caught up 490 ms |',
    );
  });
});
