import { describe, expect, it } from 'vitest';
import type { StateView } from '../../../src/core/index.ts';
import { createLogger, parseLogFormat, transitionLogger } from '../../../src/runtime/logging.ts';
import { PromMetrics } from '../../../src/cli/metrics.ts';

type S = StateView;
type M = { type: 'Beat' | 'Other'; source: string; dest: string; term: number };
const rt = {
  view: (s: S) => s,
  leaderShown: (_i: string, s: S, m: M) => (m.type === 'Beat' && m.term === s.term ? m.source : null),
};

function capture(format: 'text' | 'json') {
  const lines: string[] = [];
  return { lines, log: createLogger('s1', format, (s) => lines.push(s)) };
}

const f: S = { role: 'follower', term: 1, votedFor: null, lastIndex: 4, commitIndex: 3 };

describe('transitionLogger: one line per election, vote, leader change and step-down', () => {
  it('logs each event once, with term and index', () => {
    const { lines, log } = capture('text');
    let elections = 0;
    const see = transitionLogger<S, { type: 'Tick' }, M>('s1', rt, log, { election: () => (elections += 1) });
    const tick = { type: 'Tick' } as const;
    const cand: S = { ...f, role: 'candidate', term: 2, votedFor: 's1' };
    see(f, cand, tick); // Timeout: candidacy (its own vote is not a granted vote)
    const lead: S = { ...cand, role: 'leader' };
    see(cand, lead, tick);
    see(lead, lead, tick); // nothing changed: nothing logged
    const down: S = { ...f, term: 3 };
    see(lead, down, tick);
    const voted: S = { ...down, votedFor: 's2' };
    see(down, voted, tick);
    see(voted, voted, { type: 'Receive', m: { type: 'Beat', source: 's2', dest: 's1', term: 3 } });
    see(voted, voted, { type: 'Receive', m: { type: 'Beat', source: 's2', dest: 's1', term: 3 } }); // same leader
    expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      's1 election: timed out, candidate in term 2 (last index 4, commit 3)\n',
      's1 leader: became leader in term 2 (last index 4, commit 3)\n',
      's1 step-down: leader of term 2 is now follower in term 3 (last index 4, commit 3)\n',
      's1 vote: granted to s2 in term 3 (last index 4, commit 3)\n',
      's1 leader: s2 leads term 3 (last index 4, commit 3)\n',
    ]);
    expect(elections).toBe(1);
  });

  it('writes JSON lines with the event name and fields under --log-format json', () => {
    const { lines, log } = capture('json');
    const see = transitionLogger<S, { type: 'Tick' }, M>('s1', rt, log, { election: () => {} });
    see(f, { ...f, role: 'candidate', term: 2, votedFor: 's1' }, { type: 'Tick' });
    log('transport: plain line');
    const [a, b] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ node: 's1', event: 'election', term: 2, lastIndex: 4, commitIndex: 3 });
    expect(typeof a?.['ts']).toBe('string');
    expect(b).toMatchObject({ node: 's1', msg: 'transport: plain line' });
    expect(() => parseLogFormat('yaml')).toThrow(/^--log-format must be one of text, json, got 'yaml'$/);
  });
});

describe('PromMetrics (GET /metrics)', () => {
  it('exposes term, commit and apply index, leader, fsync and commit histograms, proposals and elections', async () => {
    const m = new PromMetrics('s1', { term: () => 7, commitIndex: () => 5, applied: () => 4, lastIndex: () => 6, leader: () => 's2' });
    m.fsync(0.0012);
    m.command('done', 0.003);
    m.election();
    const { type, body } = await m.scrape();
    expect(type).toMatch(/^text\/plain/);
    for (const line of [
      'cc_term{node="s1"} 7',
      'cc_commit_index{node="s1"} 5',
      'cc_applied_index{node="s1"} 4',
      'cc_is_leader{node="s1"} 0',
      'cc_leader{leader="s2",node="s1"} 1',
      'cc_wal_fsync_seconds_count{node="s1"} 1',
      'cc_commit_seconds_count{node="s1",outcome="done"} 1',
      'cc_proposals_total{outcome="done",node="s1"} 1',
      'cc_elections_total{node="s1"} 1',
    ]) expect(body.split('\n')).toContain(line);
  });
});
