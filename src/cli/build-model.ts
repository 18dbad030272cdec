// Builds the model a check runs, from plain arguments: used by the CLI and, through a
// ModelFactory, by every explorer worker thread (functions cannot cross threads, arguments can).
import { setAutoFreeze } from 'immer';
import type { Built, Model, Tagged } from '../core/index.ts';
import { UsageError } from '../core/index.ts';
import { refinementName, refining } from '../../model-check/refinement.ts';
import { ALL, select, type Selection } from './properties.ts';
import { protocols } from './registry.ts';
import { withRefinement } from './refinements.ts';

/** The plain arguments that determine a model. */
export interface ModelArgs {
  readonly protocol: string;
  readonly constants: Readonly<Record<string, string>>;
  readonly variant: string | null;
  /** The invariants and action properties to check; absent: all. */
  readonly properties?: Selection;
  /** The explorer's speed layer (memoized steps, cached verdicts, hash-consing); default on. */
  readonly speed?: boolean;
  /** false: the protocol's own states, without a declared refinement's history (the browser explorer). */
  readonly refinement?: boolean;
}

/** The protocol's built description (settings line, kind) and the model to explore. */
export async function build(args: ModelArgs): Promise<{ built: Built; model: Model<unknown, Tagged> }> {
  const load = protocols[args.protocol];
  if (load === undefined) throw new UsageError(`unknown protocol '${args.protocol}' (expected: ${Object.keys(protocols).join(', ')})`);
  const built = (await load()).build(args.constants, args.variant);
  // compose() loads only for a node-level protocol: a spec-level model starts faster without it.
  const model = built.kind === 'model' ? built.model : ((await import('../../model-check/compose.ts')).compose(built.protocol, built.config, built.network, { speed: args.speed !== false }) as Model<unknown, Tagged>);
  const declared = await withRefinement(args.protocol, built, model);
  // The history variable is carried only when the refinement is checked.
  const name = refinementName(declared);
  const wanted = args.properties?.actionProperties ?? null;
  const checked = name !== null && args.refinement !== false && (wanted === null || wanted.includes(name)) ? (refining(declared) as Model<unknown, Tagged>) : declared;
  return { built, model: select(checked, args.properties ?? ALL) };
}

/** The model alone; the export a worker thread's ModelFactory names. */
export async function buildModel(args: ModelArgs): Promise<Model<unknown, Tagged>> {
  setAutoFreeze(false); // the protocols never mutate; freezing every successor costs the explorer
  return (await build(args)).model;
}
