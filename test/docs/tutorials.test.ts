// The tutorials' commands run as written, so they cannot rot: every `npx consensus-checked`, `python3`
// and `cp` line of a ```sh block of docs/tutorials/*.md, in order, in a copy of the project to which
// the researcher tutorial's variant was added as it says, must exit with the code its `# exit N`
// comment names. `npx consensus-checked` runs the CLI from source (`node --import tsx src/cli/main.ts`).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const read = (name: string): string => readFileSync(join(root, 'docs/tutorials', name), 'utf8');

/** A tutorial command: the line as written (continuations joined) and the exit code it promises. */
interface Command {
  readonly line: string;
  readonly exit: number;
}

/** The commands of a tutorial's ```sh blocks that the test runs. */
function commands(markdown: string): Command[] {
  const out: Command[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const lines = (block[1] as string).replace(/\\\n\s*/g, '').split('\n');
    for (const l of lines) {
      if (!/^(npx consensus-checked |python3 |PYTHONPATH=\S+ python3 |cp )/.test(l)) continue;
      const exit = /#\s*exit (\d+)/.exec(l);
      if (exit === null) throw new Error(`a tutorial command without "# exit N": ${l}`);
      out.push({ line: l.slice(0, l.indexOf('#')).trim(), exit: Number(exit[1]) });
    }
  }
  return out;
}

let copy = '';

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'cc-tutorials-'));
  for (const x of ['src', 'model-check', 'report', 'explorer', 'spec', 'conformance', 'package.json', 'tsconfig.json']) cpSync(join(root, x), join(copy, x), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  // The researcher tutorial, steps 1 and 2: the variant module, then its line in the one list.
  const variant = /^```ts\n([\s\S]*?)^```$/m.exec(read('researcher.md'))?.[1];
  if (variant === undefined) throw new Error('researcher.md has no variant code block');
  writeFileSync(join(copy, 'src/raft/variants/halfIsEnough.ts'), variant);
  const index = join(copy, 'src/raft/variants/index.ts');
  const text = readFileSync(index, 'utf8');
  const registered = text
    .replace(/^(import [^\n]*\n)(?!import )/m, "$1import { halfIsEnough } from './halfIsEnough.ts';\n")
    .replace(/\n(\s*)\]\.map\(\(v\) => \[v\.name, v\]\)/, '\n$1  halfIsEnough,\n$1].map((v) => [v.name, v])');
  expect(registered).toContain('halfIsEnough,');
  writeFileSync(index, registered);
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function run(c: Command): { code: number | null; out: string } {
  const line = c.line.replace(/^npx consensus-checked /, `"${process.execPath}" --import tsx src/cli/main.ts `);
  const r = spawnSync('sh', ['-c', line], { cwd: copy, encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.each([
  ['researcher.md', 4],
  ['engineer.md', 6],
  ['implementer.md', 5],
] as const)('docs/tutorials/%s', (file, count) => {
  const cs = commands(read(file));

  it(`has ${count} commands, each with its exit code`, () => {
    expect(cs).toHaveLength(count);
  });

  it.each(cs.map((c) => [c.line, c] as const))('%s', (_, c) => {
    const r = run(c);
    expect([r.code, r.out.slice(-2000)]).toEqual([c.exit, expect.any(String)]);
  }, 900_000);
});

describe('what the tutorials promise', () => {
  it('the researcher gets the ElectionSafety trace as ITF, HTML and SVG', () => {
    const r = run({ line: 'npx consensus-checked check raft --variant half-is-enough --servers 2 --max-term 2 --max-log 0 --workers 1', exit: 12 });
    expect(r.out).toContain('Invariant ElectionSafety is violated');
    expect(r.out).toMatch(/^11: BecomeLeader\(s2\)$/m);
    for (const f of ['half.itf.json', 'half.html', 'half.svg']) expect(existsSync(join(copy, f)), f).toBe(true);
  }, 900_000);
});
