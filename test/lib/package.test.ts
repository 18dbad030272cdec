// The package as a user installs it: built to dist/ (npm run build), imported by its name from plain
// `node` (no tsx) and from TypeScript through the `types` conditions of package.json's exports.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let dir = '';

/** Runs a command in the user's directory with no tsx loader inherited; returns its output. */
function run(cmd: string, args: readonly string[]): { code: number | null; out: string; err: string } {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8', timeout: 170_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  // The build runs here, so the test always sees dist/ as the current sources make it.
  const b = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  expect(b.stdout + b.stderr).toBe('');
  dir = mkdtempSync(join(tmpdir(), 'cc-lib-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'consensus-checked'), 'dir');
  for (const f of ['raft-model.mjs', 'check-raft.mjs']) copyFileSync(join(import.meta.dirname, 'fixtures', f), join(dir, f));
}, 120_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('the built package', () => {
  it('exports point at built JavaScript and declarations, each with a types condition', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (name === './package.json') continue;
      const t = target as Record<string, string>;
      expect(Object.keys(t), name).toEqual(['types', 'import', 'default']);
      for (const file of Object.values(t)) expect(() => readFileSync(join(root, file)), `${name}: ${file}`).not.toThrow();
      expect(t['types']).toMatch(/^\.\/dist\/.*\.d\.ts$/);
    }
    expect(Object.keys(pkg.exports)).toEqual(['./core', './paxos', './raft', './runtime', './model-check', './package.json']);
  });

  it('plain node checks a custom Raft invariant with worker threads, and finds a violated one', () => {
    const r = run(process.execPath, ['check-raft.mjs']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const workers = Math.max(2, availableParallelism());
    expect(JSON.parse(r.out)).toEqual({
      // The CLI's default Raft setting: TLC's counts on raft.tla (docs/raft.md).
      holds: { verdict: 'ok', distinct: 46741, generated: 371911, depth: 46, workers, violation: null },
      fails: { verdict: 'violation', name: 'NothingCommitted', length: 16, workers },
      bundled: true,
      // A put that completed before a get began, which then found nothing.
      linearizable: false,
    });
  }, 180_000);

  it('a TypeScript user writes invariants over the exported state types with no casts', () => {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2023', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        noEmit: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true,
        typeRoots: [join(root, 'node_modules/@types')], types: ['node'],
      },
      files: ['consumer.ts'],
    }));
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    const r = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(r.out + r.err).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);
});

/** Uses every export area's types; the @ts-expect-error lines fail if a type were `any`. */
const CONSUMER = `
import type { Named } from 'consensus-checked/core';
import { compose, explore, type ExploreResult } from 'consensus-checked/model-check';
import { chosen, paxosModel, parseConstants, type Constants, type PaxosState } from 'consensus-checked/paxos';
import { parseConfig, raft, raftProtocol, type RaftConfig, type RaftGlobal, type Server } from 'consensus-checked/raft';
import { checkLinearizable, KvClient, runNode, type CheckResult, type ClusterConfig, type Operation } from 'consensus-checked/runtime';

const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));
const { config, network } = parseConfig(defaults);
const CommitWithinLog = (g: RaftGlobal, c: RaftConfig) =>
  c.servers.every((i) => (g.nodes[i]?.commitIndex ?? 0) <= (g.nodes[i]?.log.length ?? 0));
const raftModel = compose({ ...raftProtocol, invariants: { ...raftProtocol.invariants, CommitWithinLog } }, config, network);
const leaderOf = (g: RaftGlobal): Server | undefined => Object.values(g.nodes).find((s) => s.state === 'Leader');
void leaderOf;
const first = raftModel.init()[0];
if (first !== undefined) {
  const leaders: number = Object.values(first.nodes).filter((s) => s.state === 'Leader').length;
  // @ts-expect-error: a Raft server has no field 'votes'
  Object.values(first.nodes).map((s) => s.votes);
  void leaders;
}

const c: Constants = parseConstants({ acceptors: '3', values: '2', ballots: '1', quorums: 'majority' });
const base = paxosModel(c);
const extra: Named<(s: PaxosState) => boolean> = { AtMostOneChosen: (s) => chosen(c, s).length <= 1 };
// @ts-expect-error: Paxos's state has maxBal, not ballot
const wrong = (s: PaxosState) => s.ballot;
void wrong;
const r: Promise<ExploreResult> = explore({ ...base, invariants: { ...base.invariants, ...extra } });
// As docs/api.md writes it: the parameter's type comes from the model.
const inline = explore({ ...base, invariants: { ...base.invariants, AtMostOne: (s) => chosen(c, s).length <= 1 } });
void [r, inline];

const ops: Operation[] = [];
const verdict: CheckResult = checkLinearizable(ops);
const cluster: ClusterConfig | null = null;
void [verdict, cluster, KvClient, runNode];
`;
