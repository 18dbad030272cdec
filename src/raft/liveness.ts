// Liveness of Raft (docs/liveness.md): "eventually a leader" fails by split votes under weak
// fairness alone (Raft §5.2 randomises timeouts for this), and holds, with "a submitted value is
// eventually committed", under stable timers; terms made finite by a view relative to the smallest live one.
import { bagMap, isMajority, type Fairness, type Global, type NodeLiveness } from '../core/index.ts';
import type { Entry, RaftConfig, RaftMessage, Server } from './types.ts';

type G = Global<Server, RaftMessage>;

/** Weak fairness of every server action but ClientRequest (clients are the environment), and of delivery per channel. */
export const fairness: readonly Fairness[] = ['Timeout', 'RequestVote', 'BecomeLeader', 'AdvanceCommitIndex', 'AppendEntries', 'Receive'].map((action) => ({ action, kind: 'weak' }));

/** Stable timers, on states: only the first server ever becomes a candidate (the others hear it before their timers fire). */
export function onlyFirstCandidate(g: G, c: RaftConfig): boolean {
  return c.servers.slice(1).every((i) => (g.nodes[i] as Server).state !== 'Candidate');
}

/** Stable timers, on steps: a candidate's timer outlasts its election (it never times out again as a candidate). */
export function noCandidateTimeout(g: G, h: G, c: RaftConfig): boolean {
  return c.servers.every((i) => {
    const s = g.nodes[i] as Server;
    const t = h.nodes[i] as Server;
    return !(s.state === 'Candidate' && t.state === 'Candidate' && t.currentTerm > s.currentTerm);
  });
}

/** Patient timers, on steps: a candidate times out again only once it has lost (every server answered, no majority granted). */
export function timeoutAfterLoss(g: G, h: G, c: RaftConfig): boolean {
  return c.servers.every((i) => {
    const s = g.nodes[i] as Server;
    const t = h.nodes[i] as Server;
    const lost = s.votesResponded.length === c.servers.length && !isMajority(c.servers, s.votesGranted);
    return !(s.state === 'Candidate' && t.state === 'Candidate' && t.currentTerm > s.currentTerm) || lost;
  });
}

export function liveness(c: RaftConfig): NodeLiveness<Server, RaftMessage> {
  const leader = (g: G) => c.servers.some((i) => (g.nodes[i] as Server).state === 'Leader');
  const assume = (g: G) => onlyFirstCandidate(g, c);
  const assumeStep = (g: G, h: G) => noCandidateTimeout(g, h, c);
  return {
    temporal: {
      EventuallyLeader: { kind: 'eventually', p: leader, formula: '<>(\\E i \\in Server : state[i] = Leader)' },
      EventuallyLeaderPatientTimers: { kind: 'eventually', p: leader, formula: '<>(\\E i \\in Server : state[i] = Leader)', assumeStep: (g, h) => timeoutAfterLoss(g, h, c) },
      EventuallyLeaderStableTimer: { kind: 'eventually', p: leader, formula: '<>(\\E i \\in Server : state[i] = Leader)', assume, assumeStep },
      SubmittedCommittedStableTimer: {
        kind: 'leads-to', assume, assumeStep,
        p: (g) => c.servers.some((i) => (g.nodes[i] as Server).log.length > 0),
        q: (g) => c.servers.some((i) => (g.nodes[i] as Server).commitIndex > 0),
        formula: '(\\E i \\in Server : Len(log[i]) > 0) ~> (\\E i \\in Server : commitIndex[i] > 0)',
      },
    },
    fairness,
    view: (g) => relativeTerms(g, c),
  };
}

/** Every term in the state; 0 in lastLogTerm / prevLogTerm means "no entry" and is not a term. */
function terms(g: G, c: RaftConfig): number[] {
  const out: number[] = [];
  const log = (es: readonly Entry[] | undefined) => es?.forEach((e) => out.push(e.term));
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    out.push(s.currentTerm);
    log(s.log);
  }
  for (const [, m] of g.network) {
    out.push(m.term);
    if (m.type === 'RequestVoteRequest' && m.lastLogIndex > 0) out.push(m.lastLogTerm);
    if (m.type === 'AppendEntriesRequest') (m.prevLogIndex > 0 && out.push(m.prevLogTerm), log(m.entries), log(m.log));
    if (m.type === 'RequestVoteResponse') log(m.log);
  }
  return out;
}

/** The view: every term minus (the smallest live term - 1), so the smallest is 1 as in Init (Raft compares terms only with each other, and Timeout adds 1). */
export function relativeTerms(g: G, c: RaftConfig): G {
  const k = Math.min(...terms(g, c)) - 1;
  if (k <= 0) return g;
  const es = (xs: readonly Entry[]): readonly Entry[] => xs.map((e) => ({ term: e.term - k, value: e.value }));
  const nodes: Record<string, Server> = {};
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    nodes[i] = { ...s, currentTerm: s.currentTerm - k, log: es(s.log) };
  }
  const network = bagMap(g.network, (m): RaftMessage => {
    const term = m.term - k;
    switch (m.type) {
      case 'RequestVoteRequest':
        return { ...m, term, lastLogTerm: m.lastLogIndex > 0 ? m.lastLogTerm - k : m.lastLogTerm };
      case 'AppendEntriesRequest':
        return { ...m, term, prevLogTerm: m.prevLogIndex > 0 ? m.prevLogTerm - k : m.prevLogTerm, entries: es(m.entries), ...(m.log !== undefined ? { log: es(m.log) } : {}) };
      case 'RequestVoteResponse':
        return { ...m, term, ...(m.log !== undefined ? { log: es(m.log) } : {}) };
      default:
        return { ...m, term };
    }
  });
  return g.faults === undefined ? { nodes, network } : { nodes, network, faults: g.faults };
}
