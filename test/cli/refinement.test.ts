// The refinement check from the command line: an action property like the others (listed, selected,
// deselected), exit 12 with the shortest trace when a step has no abstract counterpart.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectUsageError, root } from './helpers.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('check basicpaxos: RefinesPaxos', () => {
  it('is listed among the action properties', () => {
    const r = cli('check', 'basicpaxos', '--list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/RefinesPaxos/);
  }, 240_000);

  it('fails on the one-phase variant first (exit 12), in one worker or two', () => {
    for (const workers of ['1', '2']) {
      const r = cli('check', 'basicpaxos', '--variant', 'one-phase', '--workers', workers, '--json');
      expect(r.code).toBe(12);
      const v = (JSON.parse(r.out) as { violation: { name: string; traceLength: number } }).violation;
      expect([v.name, v.traceLength]).toEqual(['RefinesPaxos', 3]);
    }
  }, 240_000);

  it('--no-action-property RefinesPaxos leaves it out: the variant then breaks Consistency', () => {
    const r = cli('check', 'basicpaxos', '--variant', 'one-phase', '--workers', '1', '--no-action-property', 'RefinesPaxos', '--json');
    expect(r.code).toBe(12);
    const s = JSON.parse(r.out) as { actionProperties: string[]; violation: { name: string; traceLength: number } };
    expect([s.actionProperties, s.violation.name, s.violation.traceLength]).toEqual([['AcceptNotBelowPromise'], 'Consistency', 15]);
  }, 240_000);

  it('a model with no refinement has no such property', () => {
    expectUsageError(cli('check', 'paxos', '--action-property', 'RefinesPaxos'), /unknown action property 'RefinesPaxos' for Paxos/);
  }, 240_000);
});
