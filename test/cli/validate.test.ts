// `validate`: bad input is exit 2 with one line naming the problem; a conforming log is exit 0 and a
// log edited by hand is exit 12 naming the event (file:line, node, kind) and the field that differs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { raftProtocol, raftRuntime } from '../../src/raft/index.ts';
import type { RaftAction, RaftMessage, Server } from '../../src/raft/index.ts';
import type { Receive } from '../../src/core/index.ts';
import { TraceLog } from '../../src/runtime/trace-log.ts';
import { cli, expectUsageError } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cc-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-node Raft cluster's log: it starts, times out, votes for itself and leads. */
function oneNodeLog(): string {
  const rt = raftRuntime(raftProtocol, ['s1']);
  let text = '';
  let t = 0;
  const log = new TraceLog(rt, 's1', { write: (x) => (text += x) }, 0, () => ++t);
  log.header(['s1']);
  let s: Server = rt.restore('s1', null);
  log.restart(s, null);
  const take = (x: RaftAction | Receive<RaftMessage>) => {
    const r = rt.step('s1', s, x);
    if (r === null) return;
    log.step(x, s, r);
    s = r.state;
    // Its messages are to itself: received at once.
    for (const m of r.send) take({ type: 'Receive', m });
  };
  // The election timer's actions (Timeout, RequestVote to itself), then the heartbeat's (BecomeLeader, ...).
  for (const a of rt.timers['election']!.actions('s1', s)) take(a);
  for (const a of rt.timers['heartbeat']!.actions('s1', s)) take(a);
  log.flush();
  return text;
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('validate', () => {
  const good = oneNodeLog();

  it('a log of the model conforms (exit 0)', () => {
    const r = cli('validate', 'raft', file('good.jsonl', good));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^conforms: [4-9] events of 1 node log\(s\) \(s1\) are a behaviour of the raft model/);
  });

  it('a hand-edited log is exit 12 at the first event that differs, with the field', () => {
    const lines = good.trimEnd().split('\n');
    const k = lines.findIndex((l) => l.includes('"role":"leader"'));
    expect(k).toBeGreaterThan(1);
    lines[k] = (lines[k] as string).replace('"role":"leader"', '"role":"follower"');
    const r = cli('validate', 'raft', file('bad.jsonl', `${lines.join('\n')}\n`));
    expect(r.code).toBe(12);
    expect(r.out).toContain(`trace does not conform at ${join(dir, 'bad.jsonl')}:${k + 1} (node s1, `);
    expect(r.out).toMatch(/view\.role: the log has "follower", the model "leader"/);
  });

  it.each([
    ['a missing file', () => ['raft', join(dir, 'none.jsonl')], /^error: validate: cannot read .*none\.jsonl: ENOENT/],
    ['an unknown protocol', () => ['paxo', file('p.jsonl', good)], /unknown protocol 'paxo' \(expected: raft, multipaxos\)/],
    ['a line that is not JSON', () => ['raft', file('j.jsonl', `${good}{"node":\n`)], /j\.jsonl:\d+: not JSON/],
    ['another format version', () => ['raft', file('v.jsonl', good.replace('"version":1', '"version":7'))], /v\.jsonl:1: trace log version 7, this validator reads version 1/],
    ['a log of another protocol', () => ['multipaxos', file('m.jsonl', good)], /m\.jsonl is a raft log, not multipaxos/],
    ['two logs of one node', () => ['raft', file('a.jsonl', good), file('b.jsonl', good)], /are both logs of node s1/],
    ['no files', () => ['raft'], /expected at least one trace file/],
    ['a bad event field', () => ['raft', file('k.jsonl', good.replace('"kind":"restart"', '"kind":"reboot"'))], /k\.jsonl:2: "kind" must be one of restart, receive, timer, request, persist/],
  ])('%s is exit 2 with one line', (_name, args, pattern) => {
    expectUsageError(cli('validate', ...args()), pattern);
  });
});
