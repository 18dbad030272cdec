// TLC's SYMMETRY for Raft: renaming servers (and string values) in one server's state and in a
// message. Passive servers are interchangeable only among themselves, active ones likewise; values
// form a group when their names differ from the servers'.
import type { NodeId, Permutation } from '../core/index.ts';
import type { Entry, RaftConfig, RaftMessage, Server } from './types.ts';

const rename = (x: string, p: Permutation): string => p[x] ?? x;

function renameLog(log: readonly Entry[], p: Permutation): readonly Entry[] {
  return log.map((e) => (typeof e.value === 'string' && e.value in p ? { term: e.term, value: rename(e.value, p) } : e));
}

function renameKeys(r: Readonly<Record<NodeId, number>>, p: Permutation): Readonly<Record<NodeId, number>> {
  const out: Record<NodeId, number> = {};
  for (const k of Object.keys(r)) out[rename(k, p)] = r[k] as number;
  return out;
}

const renameSet = (xs: readonly NodeId[], p: Permutation): readonly NodeId[] => xs.map((x) => rename(x, p)).sort();

export const symmetry = {
  state(s: Server, p: Permutation): Server {
    return {
      ...s,
      votedFor: s.votedFor === null ? null : rename(s.votedFor, p),
      log: renameLog(s.log, p),
      votesResponded: renameSet(s.votesResponded, p),
      votesGranted: renameSet(s.votesGranted, p),
      nextIndex: renameKeys(s.nextIndex, p),
      matchIndex: renameKeys(s.matchIndex, p),
    };
  },
  message(m: RaftMessage, p: Permutation): RaftMessage {
    const moved = { ...m, source: rename(m.source, p), dest: rename(m.dest, p) };
    switch (moved.type) {
      case 'AppendEntriesRequest':
        return moved.log === undefined
          ? { ...moved, entries: renameLog(moved.entries, p) }
          : { ...moved, entries: renameLog(moved.entries, p), log: renameLog(moved.log, p) };
      case 'RequestVoteResponse':
        return moved.log === undefined ? moved : { ...moved, log: renameLog(moved.log, p) };
      default:
        return moved;
    }
  },
  groups(c: RaftConfig): readonly (readonly string[])[] {
    const passive = c.passive ?? [];
    const active = c.servers.filter((i) => !passive.includes(i));
    const names = c.values.filter((v): v is string => typeof v === 'string' && !c.servers.includes(v));
    const values = names.length === c.values.length ? names : [];
    return [active, passive, values].filter((g) => g.length > 1);
  },
};
