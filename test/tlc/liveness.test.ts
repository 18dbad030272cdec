// The liveness rows of npm run tlc: how TLC's and our outputs are read and compared (no TLC needed).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { liveProblems, liveRows, parseOursLiveness, parseTlcLiveness } from '../../tlc/liveness.ts';

const tlcViolated = `Error: Temporal properties were violated.\nState 1: <Initial predicate>\nState 2: <Next>\nBack to state 1: <Next>\n8759 states generated, 1239 distinct states found, 0 states left on queue.\n`;
const tlcHolds = `Model checking completed. No error has been found.\n103 states generated, 34 distinct states found, 0 states left on queue.\n`;

describe('npm run tlc, liveness rows', () => {
  it('finds every shipped liveness cfg, the modules\' default ones included, with its module and protocol', () => {
    const rows = liveRows(fileURLToPath(new URL('../../spec', import.meta.url)));
    expect(rows.map((r) => [r.cfg, r.module, r.protocol])).toEqual([
      ['MCBasicPaxosLive-duel.cfg', 'MCBasicPaxosLive.tla', 'basicpaxos'],
      ['MCBasicPaxosLive-leader.cfg', 'MCBasicPaxosLive.tla', 'basicpaxos'],
      ['MCBasicPaxosLive.cfg', 'MCBasicPaxosLive.tla', 'basicpaxos'],
      ['MCRaftLive-split.cfg', 'MCRaftLive.tla', 'raft'],
      ['MCRaftLive-splitvote.cfg', 'MCRaftLive.tla', 'raft'],
      ['MCRaftLive-stable.cfg', 'MCRaftLive.tla', 'raft'],
      ['MCRaftLive.cfg', 'MCRaftLive.tla', 'raft'],
    ]);
  });

  it("reads TLC's exit 13 as violated and exit 0 as holds; anything else is an error", () => {
    expect(parseTlcLiveness(tlcViolated, 13)).toEqual({ verdict: 'violated', distinct: 1239, lasso: 2, error: null });
    expect(parseTlcLiveness(tlcHolds, 0)).toEqual({ verdict: 'holds', distinct: 34, lasso: null, error: null });
    expect(parseTlcLiveness(tlcViolated, 0).verdict).toBe('error');
  });

  it('compares verdicts, and distinct states only when the property holds', () => {
    const ours = parseOursLiveness(JSON.stringify({ verdict: 'violation', distinct: 2004, violation: { kind: 'temporal', traceLength: 29 } }), 13);
    expect(ours).toEqual({ verdict: 'violated', distinct: 2004, lasso: 29, error: null });
    expect(liveProblems(ours, parseTlcLiveness(tlcViolated, 13))).toEqual([]);
    const holds = parseOursLiveness(JSON.stringify({ verdict: 'ok', distinct: 33 }), 0);
    expect(liveProblems(holds, parseTlcLiveness(tlcHolds, 0))).toEqual(['distinct: ours 33, TLC 34']);
    expect(liveProblems(holds, parseTlcLiveness(tlcViolated, 13))).toEqual(['verdict: ours holds, TLC violated']);
  });
});
