// Broken ProposeConfig (single mode): a leader appends a configuration entry before committing an entry of its term.
import type { NodeId } from '../../core/index.ts';
import { appendConfig, changed, requestable } from '../actions/proposeConfig.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function proposeConfig(s: Server, i: NodeId, v: readonly NodeId[], c: RaftConfig): RaftStep | null {
  const x = requestable(s, i, v, c);
  if (x === null || c.membership?.mode !== 'single' || changed(x, v) !== 1) return null;
  // BUG: no CommittedInTerm(i): an uncommitted change of an earlier term may be in other servers' logs.
  return appendConfig(s, { voters: v, old: v, learners: x.learners.filter((j) => !v.includes(j)) });
}

export const singleServerNoNoop: RaftVariant = {
  name: 'single-server-no-noop',
  bug: 'single-server changes: a new leader appends a configuration entry before committing an entry of its own term, so two competing changes elect two leaders in one term',
  source: "Raft thesis §4.1; Ongaro, raft-dev, 'bug in single-server membership changes' (2015)",
  replaces: { proposeConfig },
};
