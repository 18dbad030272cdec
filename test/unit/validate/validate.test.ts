// The validator on hand-made logs of a toy protocol: the merge follows happened-before whatever the
// clocks say, a cycle or a message no log sent is named, a wrong logged fact fails at its event with
// the states that were possible, and partly logged events are explained by a search that keeps every
// configuration until a later event decides.
import { describe, expect, it } from 'vitest';
import { parseTrace, validateTrace } from '../../../model-check/validate/index.ts';
import type { ValidateResult } from '../../../model-check/validate/index.ts';
import { formatFailure } from '../../../model-check/validate/report.ts';
import { IDS, ToyRun, toy } from './toy.ts';

type Lines = Map<string, string[]>;

function lines(run: ToyRun): Lines {
  return new Map([...run.files()].map(([i, t]) => [i, t.trimEnd().split('\n')]));
}

function check(ls: Lines): ValidateResult {
  return validateTrace(toy, IDS.map((i) => parseTrace(`${i}.jsonl`, `${ls.get(i)!.join('\n')}\n`)));
}

/** Edits line `n` (1-based) of node i's log as JSON. */
function edit(ls: Lines, i: string, n: number, f: (o: Record<string, unknown>) => void): Lines {
  const l = ls.get(i)!;
  const o = JSON.parse(l[n - 1]!) as Record<string, unknown>;
  f(o);
  l[n - 1] = JSON.stringify(o);
  return ls;
}

function failure(r: ValidateResult) {
  if (r.ok) throw new Error('expected a failure');
  return r;
}

/** s1 pings s2, s2 receives it and pings back, s1 receives that. */
const pingPong = () => new ToyRun().step('s1', { type: 'IncA' }).step('s2', 'receive').step('s2', { type: 'IncB' }).step('s1', 'receive');

describe('merge (happened-before)', () => {
  it('a behaviour written by the runtime writer conforms', () => {
    const r = check(lines(pingPong()));
    expect(r).toEqual({ ok: true, events: 6, maxConfigurations: 1 });
  });

  it('a receive waits for its send even when its clock says it came first', () => {
    const ls = lines(pingPong());
    // s2's receive (line 3) claims a time before s1's send (s1.jsonl:3).
    edit(ls, 's2', 3, (o) => (o['t'] = 0));
    expect(check(ls).ok).toBe(true);
  });

  it('a log order that puts a receive before the send it causes is a cycle, named', () => {
    const ls = lines(pingPong());
    const s1 = ls.get('s1')!;
    // s1 receives s2's ping (line 4) before sending its own (line 3), which s2's ping answers.
    [s1[2], s1[3]] = [s1[3]!, s1[2]!];
    const f = failure(check(ls));
    expect(f.reason).toMatch(/cycle/);
    expect(`${f.event.file}:${f.event.line}`).toMatch(/^s[12]\.jsonl:3$/);
  });

  it('a receive of a message that no log sent is named with its file and line', () => {
    const ls = edit(lines(pingPong()), 's1', 4, (o) => (o['digest'] = '0000000000000000'));
    const f = failure(check(ls));
    expect(f.event.file).toBe('s1.jsonl');
    expect(f.event.line).toBe(4);
    expect(f.reason).toMatch(/no log sent/);
  });
});

describe('steps against the model', () => {
  it('a wrong view field fails at its event and shows the state that was possible and the field', () => {
    const ls = edit(lines(pingPong()), 's2', 4, (o) => ((o['view'] as Record<string, unknown>)['term'] = 7));
    const f = failure(check(ls));
    expect([f.event.file, f.event.line, f.event.kind]).toEqual(['s2.jsonl', 4, 'timer']);
    expect(f.possible).toHaveLength(1);
    expect(f.possible[0]!.attempts[0]!.problem).toBe('view.term: the log has 7, the model 1');
    expect(formatFailure(f)).toMatch(/^trace does not conform at s2\.jsonl:4 \(node s2, timer tick: IncB\)/);
  });

  it('a send the model does not make, or with other content, is named', () => {
    const extra = edit(lines(pingPong()), 's2', 3, (o) => (o['sent'] = [{ to: 's1', seq: 9, type: 'Ping' }]));
    expect(failure(check(extra)).possible[0]!.attempts[0]!.problem).toMatch(/^sent: the log has Ping to s1; the model sends nothing/);
    const changed = edit(lines(pingPong()), 's1', 3, (o) => ((o['sent'] as Record<string, unknown>[])[0]!['digest'] = 'ffffffffffffffff'));
    expect(failure(check(changed)).possible[0]!.attempts[0]!.problem).toMatch(/^sent\[0\] \(Ping to s2\): its content differs/);
  });

  it('an internal action whose guard is false is not a step', () => {
    const ls = lines(new ToyRun().step('s1', { type: 'IncA' }));
    ls.get('s1')!.push(JSON.stringify({ node: 's1', kind: 'request', action: { type: 'NeedB' }, sent: [] }));
    expect(failure(check(ls)).possible[0]!.attempts[0]!.problem).toMatch(/not enabled/);
  });
});

describe('search over partly logged events', () => {
  /** s1's timer fired without naming the action (IncA or IncB: the view cannot tell), then a request. */
  function partial(term: number): Lines {
    const ls = edit(lines(new ToyRun().step('s1', { type: 'IncB' }).step('s2', 'receive')), 's1', 3, (o) => delete o['action']);
    ls.get('s1')!.push(JSON.stringify({ node: 's1', kind: 'request', action: { type: 'NeedB' }, sent: [], view: { term } }));
    return ls;
  }

  it('keeps both explanations until a later event decides between them', () => {
    expect(check(partial(11))).toEqual({ ok: true, events: 5, maxConfigurations: 2 });
  });

  it('fails when no configuration explains the later event, listing each', () => {
    const f = failure(check(partial(99)));
    expect(f.possible.map((p) => p.attempts[0]!.problem)).toEqual(['not enabled (its guard is false in this state)', 'view.term: the log has 99, the model 11']);
  });

  it('an implementation naming messages by (sender, seq) and logging part of the view conforms', () => {
    const ls = lines(pingPong());
    for (const [i, l] of ls) {
      ls.set(
        i,
        l.map((text, k) => {
          if (k === 0) return text;
          const o = JSON.parse(text) as Record<string, unknown>;
          if (o['kind'] === 'receive') o['seq'] = 1;
          delete o['digest'];
          delete o['t'];
          for (const s of (o['sent'] as Record<string, unknown>[] | undefined) ?? []) delete s['digest'];
          o['view'] = { term: (o['view'] as Record<string, unknown>)['term'] };
          return JSON.stringify(o);
        }),
      );
    }
    expect(check(ls).ok).toBe(true);
  });
});

describe('restart', () => {
  it('may recover the durable value of any state since the last durable write', () => {
    const run = new ToyRun().step('s1', { type: 'IncA' }).persist('s1');
    const durable = run.state.get('s1')!;
    run.step('s1', { type: 'IncA' }).restart('s1', durable);
    expect(check(lines(run)).ok).toBe(true);
  });

  it('may not recover a state older than the last durable write', () => {
    const run = new ToyRun();
    const fresh = run.state.get('s1')!;
    run.step('s1', { type: 'IncA' }).persist('s1').restart('s1', fresh);
    const f = failure(check(lines(run)));
    expect([f.event.line, f.event.kind]).toEqual([5, 'restart']);
    expect(f.possible[0]!.attempts[0]!.problem).toMatch(/is that of no state since its last durable write/);
  });
});

describe('bad input', () => {
  it('names the file and line of a line that is not JSON, and a version it does not read', () => {
    const text = new ToyRun().files().get('s1')!;
    expect(() => parseTrace('a.jsonl', `${text}{oops\n`)).toThrow(/^a\.jsonl:3: not JSON/);
    expect(() => parseTrace('a.jsonl', text.replace('"version":1', '"version":2'))).toThrow(/^a\.jsonl:1: trace log version 2, this validator reads version 1$/);
    expect(() => parseTrace('a.jsonl', '')).toThrow(/^a\.jsonl: empty/);
  });

  it('drops a torn last line (no newline, not JSON) as a killed writer leaves it', () => {
    const text = new ToyRun().files().get('s1')!;
    expect(parseTrace('a.jsonl', `${text}{"node":"s1","ki`).events).toHaveLength(1);
    expect(() => parseTrace('a.jsonl', `${text}{"node":"s1","ki\n`)).toThrow(/^a\.jsonl:3: not JSON/);
  });
});
