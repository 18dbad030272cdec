// `check <protocol> [bounds] --guided`: the guided search at the given bounds, its violation shortened
// by BFS over the action instances it took; reproduced by --seed and --search-walks, never timed.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectUsageError, root } from './helpers.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('check --guided', () => {
  it('finds a Paxos variant, shortens its trace to the shortest BFS gives at the same bounds, exit 12', () => {
    const g = cli('check', 'paxos', '--ballots', '2', '--variant', 'phase2a-any-value', '--guided', '--seed', '1', '--search-walks', '3000', '--json');
    expect(g.code).toBe(12);
    const j = JSON.parse(g.out.trim().split('\n').pop() ?? '{}');
    expect([j.search, j.verdict, j.walks, j.foundLength, j.violation.name, j.violation.traceLength, j.violation.shortest]).toEqual(['guided', 'violation', 14, 12, 'Msg2aSafe', 10, false]);
    const b = cli('check', 'paxos', '--ballots', '2', '--variant', 'phase2a-any-value', '--json');
    expect(JSON.parse(b.out.trim().split('\n').pop() ?? '{}').violation.traceLength).toBe(10);
  }, 600_000);

  it('says in text how the trace was found and shortened', () => {
    const g = cli('check', 'paxos', '--ballots', '2', '--variant', 'phase2a-any-value', '--guided', '--search-walks', '3000');
    expect(g.code).toBe(12);
    expect(g.out).toMatch(/A behavior that shows it \(10 states\): walk 14 of the guided search found one of 12 states; the shortest made of its 10 action instances/);
  }, 600_000);

  it('a correct protocol: no violation on these walks, exit 0', () => {
    const g = cli('check', 'paxos', '--ballots', '2', '--guided', '--search-walks', '200');
    expect(g.code).toBe(0);
    expect(g.out).toMatch(/200 walks from [\d,]+ cells/);
  }, 600_000);

  it.each([
    [['--guided', '--simulate', '3'], /--guided is a search mode of its own/],
    [['--guided', '--depth', '3'], /--guided is a search mode of its own/],
    [['--guided', '--symmetry'], /--guided is a search mode of its own \(one thread, no symmetry\): not with --symmetry/],
    [['--guided', '--search-walks', '0'], /--search-walks must be/],
  ])('%s is refused with one line', (flags, pattern) => {
    expectUsageError(cli('check', 'paxos', '--ballots', '2', ...flags), pattern);
  }, 600_000);
});
