// Two-phase commit as a NodeProtocol: a transaction manager and resource managers over a set of
// messages (TwoPhase.tla's msgs). A toy written with no speed code, to show that the checker's speed
// layer serves any protocol.
import { match } from 'ts-pattern';
import type { NodeProtocol, NodesView } from '../core/index.ts';
import { rmChooseToAbort, rmPrepare, rmRcvDecision, tmAbort, tmCommit, tmRcvPrepared } from './actions.ts';
import { TM, type TwoPhaseAction, type TwoPhaseConfig, type TwoPhaseMessage, type TwoPhaseNode } from './types.ts';

type V = NodesView<TwoPhaseNode>;
const rmStates = (v: V, c: TwoPhaseConfig): string[] => c.rms.map((r) => (v.nodes[r] as TwoPhaseNode & { type: 'RM' }).rmState);

export const twoPhase: NodeProtocol<TwoPhaseConfig, TwoPhaseNode, TwoPhaseAction, TwoPhaseMessage> = {
  name: 'twophase',
  nodes: (c) => [TM, ...c.rms],
  init: (i) => (i === TM ? { type: 'TM', tmState: 'init', tmPrepared: [] } : { type: 'RM', rmState: 'working' }),
  internal: (i) => (i === TM ? [{ type: 'TMCommit' }, { type: 'TMAbort' }] : [{ type: 'RMPrepare' }, { type: 'RMChooseToAbort' }]),
  step: (i, s, x, c) =>
    match(x)
      .with({ type: 'RMPrepare' }, () => rmPrepare(i, s))
      .with({ type: 'RMChooseToAbort' }, () => rmChooseToAbort(s))
      .with({ type: 'TMCommit' }, () => tmCommit(s, c))
      .with({ type: 'TMAbort' }, () => tmAbort(s, c))
      .with({ type: 'Receive', m: { type: 'Prepared' } }, ({ m }) => tmRcvPrepared(s, m.source))
      .with({ type: 'Receive', m: { type: 'Commit' } }, { type: 'Receive', m: { type: 'Abort' } }, ({ m }) => rmRcvDecision(s, m))
      .exhaustive(),
  // Nothing is volatile in TwoPhase.tla: a restart keeps every variable.
  restart: (_i, s) => s,
  durable: (s) => s,
  invariants: {},
  localInvariants: {
    node: {
      TPTypeOK: (i, s) => (i === TM) === (s.type === 'TM'),
    },
    nodes: {
      /** TwoPhase.tla's TCConsistent: no resource manager commits while another aborts. */
      TCConsistent: (v, c) => {
        const states = rmStates(v, c);
        return !(states.includes('committed') && states.includes('aborted'));
      },
    },
  },
  actionProperties: {},
  witnesses: {},
  nodesWitnesses: { Committed: (v, c) => rmStates(v, c).includes('committed') },
  symmetry: {
    groups: (c) => [c.rms],
    state: { cases: { TM: { fields: { tmPrepared: { set: 'name' } } }, RM: 'plain' } },
    message: { fields: { source: 'name', dest: 'name' } },
  },
  shape: { variables: { type: 'plain', rmState: 'plain', tmState: 'plain', tmPrepared: { set: 'name' } }, message: { fields: { source: 'name', dest: 'name' } } },
  describe: (i, a) => `${a.type}(${i})`,
  describeMessage: (m) => `${m.type} ${m.source}->${m.dest}`,
};
