// The exhaustive searches of `check`: BFS in one thread or over workers, or DFS, with spilled levels
// removed at the end or on a signal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Model, Tagged } from '../../core/index.ts';
import { explore, workersFor } from '../../../model-check/bfs.ts';
import type { ExploreOptions, ExploreResult } from '../../../model-check/run.ts';
import type { ModelArgs } from '../build-model.ts';
import { EXIT } from '../exit.ts';
import { progressPrinter } from '../progress.ts';
import { searchInOrder, type Order } from './check-order.ts';

/** Runs BFS (one or more workers) or DFS, with spilled levels removed at the end or on a signal. */
export async function search(args: ModelArgs, model: Model<unknown, Tagged>, base: ExploreOptions, workers: number, dfs: number | undefined, order?: Order, por = false): Promise<ExploreResult> {
  const progress = progressPrinter();
  // Spilled levels live under one directory per run, removed at the end and on Ctrl-C or a kill.
  const spillDirectory = mkdtempSync(join(tmpdir(), 'consensus-checked-'));
  const removeSpill = (): void => rmSync(spillDirectory, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  const interrupted = (signal: NodeJS.Signals): void => {
    removeSpill();
    process.stderr.write(`\nInterrupted by ${signal}; nothing is claimed about the states not explored.\n`);
    process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const opts: ExploreOptions = { ...base, spillDirectory, onProgress: (p) => progress.show(p) };
  const factory = { module: new URL('../build-model.ts', import.meta.url).href, export: 'buildModel', args };
  try {
    // DFS loads only when asked for, the workers' code only at a level large enough for them.
    if (order !== undefined) return await searchInOrder(model, opts, order);
    if (por) return await (await import('../../../model-check/por/bfs.ts')).explorePor(model, opts);
    return dfs !== undefined ? await (await import('../../../model-check/dfs.ts')).exploreDepthFirst(model, { ...opts, maxDepth: dfs })
      : await explore(model, opts, workers > 1 ? workersFor(factory, workers, opts, model) : undefined);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    removeSpill();
    progress.done();
  }
}
