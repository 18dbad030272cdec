// `check ... --por`: breadth-first search with sleep sets (model-check/por/bfs.ts), one thread; what
// it does not go with is refused with the reason.
import type { Model, Tagged } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';

/** The modes and models `--por` is not argued for (docs/checking.md, "Partial-order reduction"). */
export function refusePor(name: string, model: Model<unknown, Tagged>, values: Record<string, unknown>, o: { liveness: boolean; symmetry: boolean }): void {
  const modes = ['simulate', 'dfs', 'guided', 'search'].filter((k) => values[k] !== undefined && values[k] !== false && values[k] !== 'bfs');
  if (o.symmetry) throw new UsageError('--por and symmetry (--symmetry or the file\'s SYMMETRY) cannot go together: sleep sets are not argued under renaming');
  if (modes.length > 0) throw new UsageError(`--por is a breadth-first search with sleep sets: not with --${modes[0]}`);
  if (o.liveness) throw new UsageError('--por checks invariants only: a liveness check (--property) needs every transition of the graph');
  const workers = values['workers'];
  if (workers !== undefined && workers !== '1') throw new UsageError(`--por runs in one thread: --workers ${String(workers)} cannot go with it`);
  const refines = Object.keys(model.actionProperties).find((k) => k.startsWith('Refines'));
  if (refines !== undefined) throw new UsageError(`--por cannot reorder the history ${refines} keeps beside the state: add --no-action-property ${refines}`);
  if (model.independence === undefined) throw new UsageError(`--por needs a node-level protocol (the composition says which steps commute): ${name} is a spec-level model`);
}
