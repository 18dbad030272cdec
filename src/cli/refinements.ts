// Which protocol refines which (the composition root: the only place where two protocols meet):
// node-level Basic Paxos implements Lamport's Paxos.tla under the mapping of src/basicpaxos/refinement.ts.
import type { Built, Model, Tagged } from '../core/index.ts';
import { messagesSent, refinement, type Sent } from '../core/index.ts';
import type { BpConfig, BpGlobal, BpMessage } from '../basicpaxos/index.ts';
import type { Action, PaxosState } from '../paxos/index.ts';

/** `model` with the refinement its protocol declares (TLA+: the MC module's `LP == INSTANCE Paxos`), if any. */
export async function withRefinement(protocol: string, built: Built, model: Model<unknown, Tagged>): Promise<Model<unknown, Tagged>> {
  if (protocol !== 'basicpaxos' || built.kind !== 'node') return model;
  // Loaded only here: checking another protocol does not load both Paxos modules.
  const [{ maxBallot, toPaxos }, { compareMessages, paxosModel }] = await Promise.all([import('../basicpaxos/index.ts'), import('../paxos/index.ts')]);
  const c = built.config as BpConfig;
  const spec = paxosModel({ acceptors: c.acceptors, values: c.values, maxBallot: maxBallot(c), quorums: c.quorums });
  const refines = refinement<BpGlobal, PaxosState, Action, Sent<BpMessage>>({
    name: 'Paxos',
    spec,
    history: messagesSent(),
    map: (g, sent) => {
      const x = toPaxos(g, sent, c);
      return { ...x, msgs: x.msgs.toSorted(compareMessages) };
    },
  });
  return { ...model, refines } as Model<unknown, Tagged>;
}
