// A composed node-level model with its protocol's liveness declarations: the temporal properties,
// the fairness and the view, and fairness instances per channel for the message actions.
import type { Global, Message, Model, NodeProtocol, Tagged } from '../../src/core/index.ts';
import type { GlobalAction } from '../steps.ts';

/**
 * `model` (from `compose(p, c, ...)`) with `p.liveness(c)` attached. A message action's fairness
 * instance is its channel, `Receive(s1->s2)` (TLA+ `\A i, j : WF_vars(\E m : m.source = i /\
 * m.dest = j /\ Receive(m))`); an internal action's is the action as printed, `RequestVote(s1, s2)`.
 */
export function withLiveness<C, S, A extends Tagged, M extends Message>(
  model: Model<Global<S, M>, GlobalAction<A, M>>, p: NodeProtocol<C, S, A, M>, c: C,
): Model<Global<S, M>, GlobalAction<A, M>> {
  const l = p.liveness?.(c);
  if (l === undefined) return model;
  const instance = (x: GlobalAction<A, M>): string =>
    x.type === 'Receive' || x.type === 'DropMessage' || x.type === 'DuplicateMessage' ? `${x.type}(${x.m.source}->${x.m.dest})` : model.describe(x);
  return { ...model, temporal: l.temporal, fairness: l.fairness, ...(l.view !== undefined ? { normalize: l.view } : {}), instance };
}
