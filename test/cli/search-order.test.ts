// `check ... --search iddfs|best-first`: the exit codes of the other modes (0 exhausted, 3 stopped, 12
// violated), the trace's length and whether it is claimed shortest, and bad flags refused in one line.
import { describe, expect, it } from 'vitest';
import { cli, expectUsageError } from './helpers.ts';

const last = (out: string) => JSON.parse(out.trim().split('\n').pop() ?? '{}');

describe('check --search', () => {
  it('iddfs on a Paxos variant: exit 12, the shortest trace (10 states, as BFS), claimed shortest', () => {
    const r = cli('check', 'paxos', '--ballots', '1', '--variant', 'phase2a-any-value', '--search', 'iddfs', '--json');
    expect(r.code).toBe(12);
    const j = last(r.out);
    expect([j.search, j.violation.name, j.violation.traceLength, j.violation.shortest]).toEqual(['iddfs', 'Msg2aSafe', 10, true]);
  }, 120_000);

  it('best-first on a Paxos variant: exit 12, the trace shortened over its actions, not claimed shortest', () => {
    const r = cli('check', 'paxos', '--ballots', '1', '--variant', 'phase2a-any-value', '--search', 'best-first');
    expect(r.code).toBe(12);
    expect(r.out).toMatch(/Best-first by heuristic 'progress'/);
    expect(r.out).toMatch(/A behavior that shows it \(\d+ states; found best-first, then shortened, not necessarily the shortest\)/);
  }, 120_000);

  it.each([['iddfs'], ['best-first']])('%s on the correct Paxos: exhausted with BFS\'s counts, exit 0', (mode) => {
    const r = cli('check', 'paxos', '--ballots', '1', '--search', mode, '--json');
    expect(r.code).toBe(0);
    const j = last(r.out);
    expect([j.verdict, j.distinct, j.incomplete]).toEqual(['ok', 3921, null]);
  }, 120_000);

  it.each([['iddfs'], ['best-first']])('%s stopped by --max-states: exit 3, incomplete', (mode) => {
    const r = cli('check', 'paxos', '--ballots', '1', '--search', mode, '--max-states', '50');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/Incomplete: stopped at --max-states 50/);
    expect(r.out).not.toMatch(/All invariants hold/);
  }, 120_000);

  it.each([
    [['--search', 'astar'], /--search: expected one of bfs, iddfs, best-first, got 'astar'/],
    [['--search', 'best-first', '--heuristic', 'cheap'], /--heuristic: expected one of logs, disagreement, messages, progress/],
    [['--heuristic', 'logs'], /--heuristic goes with --search best-first/],
    [['--search', 'iddfs', '--dfs', '5'], /--search iddfs is a search mode of its own: not with --dfs/],
    [['--search', 'best-first', '--guided'], /--search best-first is a search mode of its own: not with --guided/],
  ])('%s is refused with one line', (flags, pattern) => {
    expectUsageError(cli('check', 'paxos', '--ballots', '1', ...flags), pattern);
  }, 120_000);
});
