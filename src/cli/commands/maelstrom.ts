// Placeholder replaced below in this series.
import { UsageError } from '../../core/index.ts';
import type { Command } from './index.ts';

export const maelstrom: Command = {
  summary: 'maelstrom: run a Raft key-value node speaking Maelstrom JSON on stdin/stdout',
  async run() {
    throw new UsageError('maelstrom mode is not built yet');
  },
};
