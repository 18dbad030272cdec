// Two-phase commit, the toy protocol, as the CLI's registry sees it.
import { UsageError, type Checkable, type Message, type NodeProtocol, type Tagged } from '../core/index.ts';
import { twoPhase } from './protocol.ts';

export type * from './types.ts';
export { twoPhase } from './protocol.ts';

export const twophase: Checkable = {
  name: 'twophase',
  summary: 'two-phase commit after TwoPhase.tla: a transaction manager and resource managers over a set of messages',
  constants: [{ flag: 'rms', constant: 'RM', description: 'the number N of resource managers (rm1..rmN)', default: '3' }],
  variants: {},
  build(values, variant) {
    if (variant !== null) throw new UsageError(`unknown variant '${variant}' for twophase (it has none)`);
    const text = values['rms'] ?? '3';
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < 1 || n > 12) throw new UsageError(`--rms: expected a number of resource managers from 1 to 12 (got '${text}')`);
    const config = { rms: Array.from({ length: n }, (_, k) => `rm${k + 1}`) };
    return {
      kind: 'node',
      protocol: twoPhase as unknown as NodeProtocol<unknown, unknown, Tagged, Message>,
      config,
      network: { network: 'set', drop: false, duplicate: false, restart: false },
      settings: `RM = {${config.rms.join(', ')}}`,
    };
  },
};
