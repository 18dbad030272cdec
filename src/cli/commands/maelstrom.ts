// `maelstrom`: a Raft key-value node speaking Maelstrom's JSON protocol on stdin/stdout (the lin-kv
// workload). Run under Maelstrom as: maelstrom test -w lin-kv --bin ./maelstrom-node.sh ...
import { runMaelstrom } from '../../runtime/maelstrom.ts';
import { EXIT } from '../exit.ts';
import { runnable } from '../runtimes.ts';
import type { Command } from './index.ts';

export const maelstrom: Command = {
  summary: "maelstrom: a Raft key-value node speaking Maelstrom's JSON on stdin/stdout (lin-kv workload)",
  async run(argv) {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write('usage: consensus-checked maelstrom   (reads Maelstrom messages on stdin, one JSON per line)\n');
      return EXIT.ok;
    }
    const raft = runnable('raft');
    await runMaelstrom({ runtimeFor: (ids) => raft.runtime(ids), schema: raft.schema });
    return EXIT.ok;
  },
};
