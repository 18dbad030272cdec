// How a thread builds its own copy of a model: functions cannot cross threads, arguments can.
import type { Model, Tagged } from '../src/core/index.ts';

/**
 * How a worker builds its own copy of the model (functions cannot cross threads): it imports
 * `module` (an absolute file URL) and calls its export `export` with `args` (structured-cloneable).
 */
export interface ModelFactory {
  readonly module: string;
  readonly export: string;
  readonly args: unknown;
}

/** Imports the factory's module and builds the model. */
export async function buildFrom(f: ModelFactory): Promise<Model<unknown, Tagged>> {
  const mod = (await import(f.module)) as Record<string, (args: unknown) => Model<unknown, Tagged> | Promise<Model<unknown, Tagged>>>;
  const build = mod[f.export];
  if (build === undefined) throw new Error(`${f.module} has no export ${f.export}`);
  return build(f.args);
}
