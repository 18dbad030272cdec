// `npm run bench:cluster` on bad flags: one line naming the flag and exit 2, never a stack trace;
// `--help` prints the usage. No cluster is started by any of these.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bench = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/runtime/bench-cluster.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('bench:cluster flags', () => {
  it('--help prints the usage and exits 0', () => {
    const r = bench('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: npm run bench:cluster -- \[--protocol raft\|multipaxos\] \[--rows writes,reads,resync,big,catchup\]/);
  }, 120_000);

  it.each([
    [['--frobnicate'], /^bench:cluster: Unknown option '--frobnicate'/],
    [['--clients', '1,x'], /^bench:cluster: --clients "x": a whole number of at least 1 is needed/],
    [['--seconds', '0'], /^bench:cluster: --seconds "0": a number of seconds above 0 is needed/],
    [['--rows', 'writes,wirtes'], /^bench:cluster: --rows: unknown row wirtes \(rows: writes, reads, resync, big, catchup\)/],
    [['--protocol', 'paxos'], /^bench:cluster: --protocol "paxos": raft or multipaxos/],
    [['--nodes', '0'], /^bench:cluster: --nodes "0": a whole number of at least 1 is needed/],
  ])('%j: one line and exit 2', (args, message) => {
    const r = bench(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
