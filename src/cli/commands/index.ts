// The CLI's subcommands: name -> module. Each exports `run(argv)` returning the exit code.
export interface Command {
  /** One line for `--help`. */
  readonly summary: string;
  /** Runs with the arguments after the subcommand name; returns the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

export const commands: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => (await import('./check.ts')).check,
  node: async () => (await import('./node.ts')).node,
  cluster: async () => (await import('./cluster.ts')).cluster,
  kv: async () => (await import('./kv.ts')).kv,
  maelstrom: async () => (await import('./maelstrom.ts')).maelstrom,
  vectors: async () => (await import('./vectors.ts')).vectors,
  explore: async () => (await import('./explore.ts')).explore,
  validate: async () => (await import('./validate.ts')).validate,
};
