// `vectors raft --out DIR`: the conformance vectors of an exhaustive run, replayed by the Python 3
// adapter against the toy implementation (every vector agrees) and against the broken toy (granting
// votes without the log check), which the vectors catch at a RequestVoteRequest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, expectUsageError, root } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adapter = (module: string) => spawnSync('python3', [join(root, 'conformance/python/adapter.py'), dir, module], { encoding: 'utf8', timeout: 280_000 });

describe('vectors', () => {
  it('refuses a spec-level model and a missing --out with one line', () => {
    expectUsageError(cli('vectors', 'paxos', '--out', join(dir, 'x')), /paxos is a spec-level model/);
    expectUsageError(cli('vectors', 'raft'), /--out DIR is required/);
  }, 120_000);

  it('writes the vectors of an exhaustive Raft run; the toy agrees with every one, the broken toy is caught', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'vectors', 'raft', '--max-term', '3', '--max-log', '1', '--drop', 'off', '--duplicate', 'off', '--out', dir],
      { cwd: root, encoding: 'utf8', timeout: 400_000 });
    expect(r.status).toBe(0);
    const meta = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { vectors: number; enabled: number; distinctStates: number };
    expect(meta).toMatchObject({ vectors: 5530, enabled: 2170, distinctStates: 10927 });
    const lines = readFileSync(join(dir, 'vectors.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5530);
    expect(Object.keys(JSON.parse(lines[0] as string) as object)).toEqual(['node', 'state', 'input', 'next', 'send', 'keep']);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);

    const good = adapter('raft_toy');
    expect([good.status, good.stdout.trim()]).toEqual([0, '5530 vectors agree']);
    const bad = adapter('raft_toy_broken');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^vector \d+: s\d \{"m":\{[^\n]*"type":"RequestVoteRequest"\},"type":"Receive"\}[^\n]*: next state differs/);
  }, 600_000);
});
