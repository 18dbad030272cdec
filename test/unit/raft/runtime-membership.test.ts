// Membership change as the runtime runs it (src/raft/runtimeMembership.ts, runtime.ts): the
// configuration in the log decides whom a node sends to; an operator's change becomes AddLearner or
// ProposeConfig with each refusal named; a snapshot keeps the latest configuration (Raft §6, §7), in
// the state, the InstallSnapshot it sends and the WAL it is recovered from.
import { describe, expect, it } from 'vitest';
import { raftProtocol, raftRuntime, runtimeConfig } from '../../../src/raft/index.ts';
import type { Configuration, Entry, RaftAction, Server } from '../../../src/raft/index.ts';
import { configCommitted, configOf, committedInTerm } from '../../../src/raft/membership.ts';
import { compactTo, withSnapshot } from '../../../src/raft/runtimeSnapshots.ts';
import { server } from '../../helpers/raft.ts';

const c = { ...runtimeConfig(['s1', 's2', 's3']), snapshots: true };
const rt = raftRuntime(raftProtocol, c.servers, c);
const m = rt.membership!;
const cfg = (voters: string[], old = voters, learners: string[] = []): Configuration => ({ voters, old, learners });
const e = (term: number, value: unknown = []): Entry => ({ term, value: value as Entry['value'] });
const data = { kv: [], sessions: [] };
const per = (x: number) => ({ s1: x, s2: x, s3: x });

/** A leader of term 2 whose log is `entries`, all committed unless `commit` says otherwise. */
function leader(entries: Entry[], commit = entries.length, match: Record<string, number> = {}): Server {
  return server({ currentTerm: 2, state: 'Leader', log: entries, commitIndex: commit, nextIndex: per(entries.length + 1), matchIndex: { ...per(commit), ...match }, snapshot: { index: 0, term: 0, state: [] } });
}

const withS4 = [e(1), e(2, cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4'])), e(2)];

describe('the configuration decides the peers (Raft §6)', () => {
  it("cluster.json's voters seed it; a learner added in the log is sent to, and never asked for a vote", () => {
    expect(m.peers('s1', leader([e(1)]))).toEqual(['s2', 's3']);
    const s = leader(withS4);
    expect(m.peers('s1', s)).toEqual(['s2', 's3', 's4']);
    const beat = rt.timers['heartbeat']!.actions('s1', s);
    expect(beat).toContainEqual({ type: 'AppendEntries', j: 's4' });
    expect(beat.slice(-2)).toEqual([{ type: 'LeaveJoint' }, { type: 'StepDownRemoved' }]);
    // A learner the leader has no nextIndex for gets the log from its start (or the snapshot).
    expect(rt.step('s1', s, { type: 'AppendEntries', j: 's4' })?.send[0]).toMatchObject({ type: 'AppendEntriesRequest', dest: 's4', prevLogIndex: 0, entries: withS4 });
    const f = { ...s, state: 'Follower' as const };
    // The election timer lists every member; RequestVote's guard skips the learner (a variant that asks it is replayable).
    expect(rt.timers['election']!.actions('s1', f)).toEqual([{ type: 'Timeout' }, ...['s1', 's2', 's3', 's4'].map((j): RaftAction => ({ type: 'RequestVote', j }))]);
    expect(rt.step('s1', { ...f, state: 'Candidate' }, { type: 'RequestVote', j: 's4' })).toBeNull(); // learners never vote
    // A node of the address book outside the configuration gets nothing.
    const wide = raftRuntime(raftProtocol, ['s1', 's2', 's3', 's9'], { ...runtimeConfig(['s1', 's2', 's3', 's9'], ['s1', 's2', 's3']), snapshots: true });
    expect(wide.timers['heartbeat']!.actions('s1', s).filter((a) => 'j' in a && a.j === 's9')).toEqual([]);
    expect(wide.membership!.peers('s1', s)).toEqual(['s2', 's3', 's4']);
    expect(rt.handOff('s1', s)).toEqual(['s2', 's3'].map((j) => ({ type: 'TransferLeadership', j })));
  });

  it('a joining node (no seed voters) never times out until the log makes it a voter', () => {
    const join = raftRuntime(raftProtocol, ['s1', 's2', 's3', 's4'], { ...runtimeConfig(['s1', 's2', 's3', 's4'], []), snapshots: true });
    const s = join.restore('s4', null, null);
    expect(join.step('s4', s, { type: 'Timeout' })).toBeNull();
    expect(join.step('s4', { ...s, log: [e(1, cfg(['s1', 's2', 's3', 's4']))] }, { type: 'Timeout' })).not.toBeNull();
  });
});

describe('operator changes at the leader, each refusal in one line', () => {
  it('add makes a learner; promote waits for it to hold every committed entry, then enters the joint configuration', () => {
    expect(m.change('s1', leader([e(1)]), { op: 'add', node: 's4' })).toEqual({ type: 'AddLearner', j: 's4' });
    expect(m.change('s1', leader(withS4, 3, { s4: 2 }), { op: 'promote', node: 's4' })).toEqual({
      refused: 's4 has not caught up: it holds entries up to 2, the leader has committed 3 (of 3); retry once it has',
      wait: true,
    });
    expect(m.change('s1', leader(withS4, 3, { s4: 3 }), { op: 'promote', node: 's4' })).toEqual({ type: 'ProposeConfig', v: ['s1', 's2', 's3', 's4'] });
    expect(m.change('s1', leader(withS4), { op: 'promote', node: 's5' })).toMatchObject({ refused: 's5 is not a learner of the configuration (C{s1,s2,s3}+{s4}): add it first', wait: false });
  });

  it('one change at a time: refused while the last configuration is uncommitted or joint', () => {
    expect(m.change('s1', leader(withS4, 1), { op: 'remove', node: 's2' })).toEqual({
      refused: 'a configuration change is in progress (C{s1,s2,s3}+{s4} at index 2 is not committed yet); one change at a time, retry when it is done',
      wait: false,
    });
    const joint = leader([e(1), e(2, cfg(['s1', 's2'], ['s1', 's2', 's3']))]);
    expect(m.change('s1', joint, { op: 'add', node: 's4' })).toMatchObject({ refused: expect.stringMatching(/^a configuration change is in progress \(C\{s1,s2\}<-\{s1,s2,s3\} is joint/) });
    expect(rt.step('s1', joint, { type: 'LeaveJoint' })?.state.log.at(-1)).toEqual(e(2, cfg(['s1', 's2'])));
  });

  it('remove: a voter leaves through the joint configuration; the leader itself and the last voter are refused', () => {
    expect(m.change('s1', leader([e(1)]), { op: 'remove', node: 's3' })).toEqual({ type: 'ProposeConfig', v: ['s1', 's2'] });
    expect(m.change('s1', leader([e(1)]), { op: 'remove', node: 's1' })).toMatchObject({ refused: 's1 leads: hand leadership to another voter first' });
    expect(m.change('s1', leader([e(1, cfg(['s1']))]), { op: 'remove', node: 's1' })).toMatchObject({ refused: 's1 is the only voter: a cluster keeps at least one' });
    expect(m.change('s1', { ...leader([e(1)]), state: 'Follower' }, { op: 'add', node: 's4' })).toMatchObject({ refused: 'not the leader' });
  });

  it('remove of a learner: RemoveLearner, one entry that keeps the voters; done once it is committed', () => {
    const a = m.change('s1', leader(withS4), { op: 'remove', node: 's4' });
    expect(a).toEqual({ type: 'RemoveLearner', j: 's4' });
    const after = rt.step('s1', leader(withS4), a as RaftAction)?.state;
    expect(after?.log.at(-1)).toEqual(e(2, cfg(['s1', 's2', 's3'])));
    const x = { op: 'remove', node: 's4' } as const;
    expect(m.done(after as Server, x)).toBe(false); // appended, not committed
    expect(m.done({ ...(after as Server), commitIndex: 4 }, x)).toBe(true);
    expect(m.peers('s1', after as Server)).toEqual(['s2', 's3']); // no longer replicated to
  });

  it('done once the change is committed and the joint phase left', () => {
    const x = { op: 'promote', node: 's4' } as const;
    expect(m.done(leader([e(1), e(2, cfg(['s1', 's2', 's3', 's4'], ['s1', 's2', 's3']))]), x)).toBe(false);
    expect(m.done(leader([e(1), e(2, cfg(['s1', 's2', 's3', 's4']))], 1), x)).toBe(false);
    expect(m.done(leader([e(1), e(2, cfg(['s1', 's2', 's3', 's4']))]), x)).toBe(true);
  });
});

describe('a snapshot keeps the configuration (Raft §7: the latest one it includes)', () => {
  const s = leader([e(1), e(2, cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4'])), e(2), e(2)], 3);

  it('compacting past a configuration entry keeps it in force, with global positions in the guards', () => {
    const t = compactTo(s, { index: 3, id: 2, data }) as Server;
    expect(t.snapshot?.state).toEqual([data, cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4'])]);
    expect(configOf(t, c).learners).toEqual(['s4']);
    expect(m.view(t)).toMatchObject({ learners: ['s4'], index: 3, committed: true });
    // The log's entry 1 is global index 4: committed only once the commit index reaches it.
    const u = { ...t, log: [e(2, cfg(['s1', 's2', 's3', 's4'], ['s1', 's2', 's3']))] };
    expect(configCommitted(u, c)).toBe(false);
    expect(configCommitted({ ...u, commitIndex: 4 }, c)).toBe(true);
    expect(committedInTerm(u)).toBe(true); // entry 3 (term 2) is in the snapshot
  });

  it('the InstallSnapshot carries it, and the WAL records it for recovery', () => {
    const t = { ...(compactTo(s, { index: 3, id: 2, data }) as Server), nextIndex: { s1: 5, s2: 1, s3: 5, s4: 1 } };
    expect(rt.step('s1', t, { type: 'InstallSnapshot', j: 's4' })?.send[0]).toMatchObject({ state: [data, cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4'])] });
    const d = rt.durable(t);
    expect(d).toMatchObject({ snapshot: { index: 3, term: 2, config: cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4']) } });
    const back = rt.restore('s1', JSON.parse(JSON.stringify(d)), { index: 3, id: 2, data });
    expect(configOf(back, c).learners).toEqual(['s4']);
  });

  it('a snapshot file newer than the WAL takes the configuration from the entries the WAL still holds (Figure 13 rule 6)', () => {
    const held = withSnapshot('s1', { currentTerm: 2, votedFor: null, log: s.log }, { index: 3, id: 2, data });
    expect(held.snapshot?.state).toEqual([data, cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4'])]);
    expect(() => rt.restore('s1', { currentTerm: 2, votedFor: null, log: [], snapshot: { index: 3, term: 2, config: { voters: 1 } } }, { index: 3, id: 2, data })).toThrow(
      'snapshot.config is not a configuration: {"voters":1}',
    );
  });
});
