// check's trace flags as a user types them: bad combinations are one-line usage errors (exit 2); real
// runs write ITF, HTML, SVG and a TLA+ module with its .cfg.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, expectUsageError, root } from './helpers.ts';
import { itfProblems } from '../model-check/traces/itf-schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'trace-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI with a timeout generous enough for a loaded 2-core machine. */
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 280_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('check --trace-out / --trace-format / --trace-witness / --html / --svg', () => {
  it('refuses bad combinations with one line', () => {
    expectUsageError(cli('check', 'paxos', '--trace-out', join(dir, 'x'), '--trace-format', 'xml'), /--trace-format: expected itf or tla, got 'xml'/);
    expectUsageError(cli('check', 'paxos', '--trace-format', 'itf'), /--trace-format goes with --trace-out FILE/);
    expectUsageError(cli('check', 'raft', '--trace-out', join(dir, 'x'), '--trace-witness', 'Nope'), /unknown witness 'Nope' for raft \(expected: LeaderElected/);
    expectUsageError(cli('check', 'raft', '--trace-out', join(dir, 'T.tla'), '--trace-format', 'tla'), /--trace-format tla needs --config/);
    expectUsageError(cli('check', 'twophase', '--trace-out', join(dir, 'T.tla'), '--trace-format', 'tla'), /twophase's variables are not spec\/'s one to one/);
    expectUsageError(cli('check', '--config', 'spec/MCPaxos.cfg', '--trace-out', join(dir, 'bad-name.tla'), '--trace-format', 'tla'), /a TLA\+ module file is named <Identifier>\.tla/);
  }, 280_000);

  it('writes a Raft counterexample as ITF, HTML and SVG', () => {
    const [itf, html, svg] = ['fv.itf.json', 'fv.html', 'fv.svg'].map((f) => join(dir, f)) as [string, string, string];
    const r = run('check', 'raft', '--servers', '3', '--max-term', '2', '--max-log', '0', '--drop', 'off', '--duplicate', 'off', '--variant', 'forget-vote-on-restart',
      '--workers', '1', '--trace-out', itf, '--html', html, '--svg', svg);
    expect(r.code).toBe(12);
    expect(r.out).toMatch(/Wrote the ITF trace to .*fv\.itf\.json \([\d,]+ bytes\)/);
    const t = JSON.parse(readFileSync(itf, 'utf8')) as { '#meta': Record<string, unknown>; states: unknown[] };
    expect(itfProblems(t)).toEqual([]);
    expect(t['#meta']).toMatchObject({ property: 'ElectionSafety', kind: 'invariant', status: 'violation' });
    expect(t.states).toHaveLength(19);
    expect([...readFileSync(svg, 'utf8').matchAll(/<g class="lifeline"/g)]).toHaveLength(3);
    expect(readFileSync(html, 'utf8')).toContain('ElectionSafety');
  }, 280_000);

  it('writes the path to a Paxos witness as a TLA+ module and its .cfg; a spec-level model has no diagram', () => {
    const tla = join(dir, 'TracePaxos.tla');
    const r = run('check', '--config', 'spec/MCPaxos.cfg', '--workers', '1', '--trace-witness', 'ValueChosen', '--trace-out', tla, '--trace-format', 'tla', '--svg', join(dir, 'p.svg'));
    expect(r.code).toBe(0);
    const text = readFileSync(tla, 'utf8');
    expect(text).toMatch(/^-+ MODULE TracePaxos -+$/m);
    expect(text).toContain('EXTENDS MCPaxos');
    expect(text).toContain('CONSTANTS a1, a2, a3, v1');
    expect(text).toContain('TraceEndsInViolation == traceIndex = Len(Trace) => ~NotValueChosen');
    expect(text.match(/^ {2}\\\* \d+: /gm)).toHaveLength(7);
    const cfg = readFileSync(join(dir, 'TracePaxos.cfg'), 'utf8');
    expect(cfg).toMatch(/Acceptor = \{a1, a2, a3\}[\s\S]*a1 = a1[\s\S]*INIT TraceInit\nNEXT TraceNext\nINVARIANT TraceEndsInViolation/);
    expect(r.out).toContain('No sequence diagram for Paxos');
    expect(existsSync(join(dir, 'p.svg'))).toBe(false);
  }, 280_000);
});
