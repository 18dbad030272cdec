// The trace log's file: created with its header, appended after a restart with the send sequence
// numbers going on from the file's highest, a torn last line (a killed writer) cut off, `{id}` in the
// path naming the node, and a path that cannot be written refused with one line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTraceLog, traceLogPath } from '../../../src/runtime/trace-log-file.ts';
import { TraceLog, traced } from '../../../src/runtime/trace-log.ts';
import { toy } from '../validate/toy.ts';

const dir = mkdtempSync(join(tmpdir(), 'cc-tracelog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Node s1 starts from `file` and takes one IncA step (one Ping sent). */
function runOnce(file: string): string[] {
  const t = openTraceLog(file, toy, 's1', ['s1', 's2']);
  const s = toy.restore('s1', null);
  t.log.restart(s, null);
  t.log.step({ type: 'IncA' }, s, toy.step('s1', s, { type: 'IncA' })!);
  t.close();
  return readFileSync(file, 'utf8').trimEnd().split('\n');
}

describe('openTraceLog', () => {
  it('writes the header once and goes on numbering sends after a restart', () => {
    const file = join(dir, 'a.jsonl');
    expect(runOnce(file)).toHaveLength(3);
    const lines = runOnce(file);
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.includes('"format"'))).toHaveLength(1);
    expect(lines.map((l) => /"seq":(\d+)/.exec(l)?.[1]).filter((x) => x !== undefined)).toEqual(['1', '2']);
  });

  it('cuts a torn last line before appending', () => {
    const file = join(dir, 'b.jsonl');
    runOnce(file);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"node":"s1","kind":"rec`);
    const lines = runOnce(file);
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('names the node in the path with {id}, and refuses a path it cannot write with one line', () => {
    expect(traceLogPath('/t/{id}.jsonl', 's3')).toBe('/t/s3.jsonl');
    expect(() => openTraceLog(join(dir, 'no', 'such', 'x.jsonl'), toy, 's1', ['s1'])).toThrow(/^--trace-log: cannot write .*x\.jsonl: ENOENT/);
  });
});

describe('traced', () => {
  it('writes the lines out before a message leaves and before a durable write, and marks the write done', async () => {
    let out = '';
    const seen: string[] = [];
    const log = new TraceLog(toy, 's1', { write: (t) => (out += t) });
    const io = traced(log, { write: async () => (seen.push(`write after ${out.split('\n').length - 1} lines`), true) }, () => seen.push(`send after ${out.split('\n').length - 1} lines`), () => {});
    const s = toy.restore('s1', null);
    log.restart(s, null);
    const r = toy.step('s1', s, { type: 'IncA' })!;
    log.step({ type: 'IncA' }, s, r);
    expect(out).toBe('');
    await io.storage.write(toy.durable(r.state));
    io.send(r.send[0]!);
    expect(seen).toEqual(['write after 2 lines', 'send after 3 lines']);
    expect(out.trimEnd().split('\n').at(-1)).toBe('{"node":"s1","kind":"persist"}');
  });
});

describe('traced onStep', () => {
  it('reports a step it cannot log and never throws into the node loop', () => {
    const warnings: string[] = [];
    const broken = { ...toy, view: () => { throw new Error('no view'); } };
    const io = traced(new TraceLog(broken, 's1', { write: () => {} }), { write: async () => true }, () => {}, (l) => warnings.push(l));
    const s = toy.restore('s1', null);
    expect(() => io.onStep({ type: 'IncA' }, s, toy.step('s1', s, { type: 'IncA' })!)).not.toThrow();
    expect(warnings).toEqual(['trace-log: a step could not be logged: no view']);
  });
});

describe('TraceLog undo', () => {
  it('takes back the lines and send numbers since a mark until the next flush, and not after', () => {
    let out = '';
    const log = new TraceLog(toy, 's1', { write: (t) => (out += t) });
    const s = toy.restore('s1', null);
    const r = toy.step('s1', s, { type: 'IncA' })!;
    log.step({ type: 'IncA' }, s, r);
    const at = log.mark();
    log.step({ type: 'IncA' }, r.state, toy.step('s1', r.state, { type: 'IncA' })!);
    expect(log.undo(at)).toBe(true);
    log.step({ type: 'IncA' }, s, r);
    log.flush();
    const seqs = out.trimEnd().split('\n').map((l) => /"seq":(\d+)/.exec(l)?.[1]);
    expect(seqs).toEqual(['1', '2']);
    const late = log.mark();
    log.step({ type: 'IncA' }, s, r);
    log.flush();
    expect(log.undo(late)).toBe(false);
    expect(out.trimEnd().split('\n')).toHaveLength(3);
  });
});
