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
  return buildWith((await import(f.module)) as Readonly<Record<string, unknown>>, f);
}

/** Builds the model with the factory's export of `mod`, its module already loaded. */
export async function buildWith(mod: Readonly<Record<string, unknown>>, f: ModelFactory): Promise<Model<unknown, Tagged>> {
  const build = mod[f.export];
  if (typeof build !== 'function') throw new Error(`${f.module} has no export ${f.export}`);
  return (build as (args: unknown) => Model<unknown, Tagged> | Promise<Model<unknown, Tagged>>)(f.args);
}
