// The mutation runner's shortcut: a line the original never executed, found from V8's block coverage
// through the source map of a TypeScript file run by tsx, as the runner's copies are.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { executedLines } from '../../src/cli/mutate-coverage.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mutate-coverage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = [
  'type N = number;',
  'export function sign(x: N): N {',
  '  if (x > 0) return 1;',
  '  if (x < 0) {',
  '    return -1;',
  '  }',
  '  return 0;',
  '}',
  'sign(5);',
  'sign(0);',
  '',
].join('\n');

describe('executedLines', () => {
  it('names the lines a run executed, and not a branch it never took', () => {
    const src = join(dir, 'src');
    const cov = join(dir, 'coverage');
    spawnSync('mkdir', ['-p', src]);
    writeFileSync(join(src, 'sign.ts'), source);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(src, 'sign.ts')], { cwd: root, env: { ...process.env, NODE_V8_COVERAGE: cov }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = executedLines(cov, dir).get('src/sign.ts');
    expect(lines).toBeDefined();
    for (const k of [1, 2, 3, 6, 8, 9]) expect(lines?.has(k), `line ${k + 1}`).toBe(true);
    expect(lines?.has(4), 'line 5, `return -1`, never reached').toBe(false);
  }, 60_000);
});
