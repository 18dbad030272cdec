// `--trace-format tla` beyond Raft's and Paxos's invariant traces: Multi-Paxos, whose spec names the
// network `msgs` and the no-op `Noop`, and a Raft action property, which the trace's .cfg hands to TLC
// as a PROPERTY (TLC itself re-checks both in `npm run tlc`, tlc/main.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tlaOf } from '../../model-check/trace-tla.ts';
import { root } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cc-tla-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI with a timeout generous enough for a loaded 2-core machine. */
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 280_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('--trace-format tla', () => {
  it('writes a Multi-Paxos witness over MCMultiPaxos, with msgs for the network', () => {
    const tla = join(dir, 'TraceMP.tla');
    const r = run('check', 'multipaxos', '--config', 'spec/MCMultiPaxos.cfg', '--workers', '1', '--trace-witness', 'CommandExecuted', '--trace-out', tla, '--trace-format', 'tla');
    expect(r.code).toBe(0);
    const text = readFileSync(tla, 'utf8');
    expect(text).toContain('EXTENDS MCMultiPaxos');
    expect(text).toContain("/\\ msgs' = Trace[traceIndex + 1].msgs");
    expect(text).not.toMatch(/\bmessages\b/);
    expect(text.match(/^ {2}\\\* \d+: /gm)).toHaveLength(18);
    expect(readFileSync(join(dir, 'TraceMP.cfg'), 'utf8')).toMatch(/Noop = Noop[\s\S]*INIT TraceInit\nNEXT TraceNext\nINVARIANT TraceEndsInViolation\nCHECK_DEADLOCK FALSE/);
  }, 280_000);

  it('writes a Basic Paxos witness over MCBasicPaxos without role, value or the refinement\'s images', () => {
    const tla = join(dir, 'TraceBP.tla');
    const r = run('check', 'basicpaxos', '--config', 'spec/MCBasicPaxos.cfg', '--workers', '1', '--trace-witness', 'ValueLearned', '--trace-out', tla, '--trace-format', 'tla');
    expect(r.code).toBe(0);
    const text = readFileSync(tla, 'utf8');
    expect(text).toContain('EXTENDS MCBasicPaxos');
    expect(text).toContain('/\\ MCInit');
    expect(text).toContain("/\\ msgs' = Trace[traceIndex + 1].msgs");
    expect(text).not.toMatch(/\b(role|value|messages) \|->|Paxos!/);
    expect(text.match(/^ {2}\\\* \d+: /gm)).toHaveLength(14);
  }, 280_000);

  it("names Multi-Paxos's no-op as the spec's model value", () => {
    expect(tlaOf({ k: 'rec', v: [['slot', { k: 'int', v: 1 }], ['val', { k: 'name', v: 'noop' }]] }, { noop: 'Noop' })).toBe('[slot |-> 1, val |-> Noop]');
  });

  it("hands an action property's counterexample to TLC as a PROPERTY (CheckQuorum without PreVote: NoDisruptiveTermRaise)", () => {
    const cfg = join(dir, 'MCRaftCQ.cfg');
    writeFileSync(cfg, readFileSync(join(root, 'spec/MCRaft.cfg'), 'utf8').replace('CheckQuorum = FALSE', 'CheckQuorum = TRUE'));
    const tla = join(dir, 'TraceCQ.tla');
    const r = run('check', 'raft', '--config', cfg, '--workers', '1', '--trace-out', tla, '--trace-format', 'tla');
    expect(r.code).toBe(12);
    expect(r.out).toContain('Action property NoDisruptiveTermRaise is violated');
    const text = readFileSync(tla, 'utf8');
    expect(text).toContain('the last one, and only it, violates NoDisruptiveTermRaise');
    expect(text.match(/^ {2}\\\* \d+: /gm)).toHaveLength(13);
    expect(readFileSync(join(dir, 'TraceCQ.cfg'), 'utf8')).toMatch(/CheckQuorum = TRUE[\s\S]*INVARIANT TraceEndsInViolation\nPROPERTY NoDisruptiveTermRaise\nCHECK_DEADLOCK FALSE/);
  }, 280_000);
});
