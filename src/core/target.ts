// What a protocol package offers the CLI: its constants as flags, its broken variants, and a
// builder from parsed flags to something checkable. The CLI (the composition root) does the rest.
import type { Model, Tagged } from './model.ts';
import type { Message, NodeProtocol, Variant } from './protocol.ts';

/** How the network of a composed model behaves (design.md, "The global system"). */
export interface NetworkOptions {
  /** `set`: never shrinks, delivery does not consume (Paxos.tla `msgs`); `bag`: delivery consumes
   *  one copy (raft.tla `messages`). */
  readonly network: 'set' | 'bag';
  /** Enable `DropMessage(m)` (bag only). */
  readonly drop: boolean;
  /** Enable `DuplicateMessage(m)` (bag only). */
  readonly duplicate: boolean;
  /** Enable `Restart(i)`: a node keeps only its durable state. */
  readonly restart: boolean;
  /** CONSTRAINT on the number of `DropMessage` steps taken (a counter in the state); absent: unbounded. */
  readonly maxDrops?: number;
  /** CONSTRAINT on the number of `DuplicateMessage` steps taken; absent: unbounded. */
  readonly maxDuplicates?: number;
}

/** A command-line constant, e.g. `--acceptors 3`. */
export interface ConstantSpec {
  /** The flag without dashes, e.g. `max-term`. */
  readonly flag: string;
  /** The TLA+ constant it sets, e.g. `MaxTerm`. */
  readonly constant: string;
  readonly description: string;
  /** The default as it would be typed on the command line. */
  readonly default: string;
}

/** A ready-to-check model: spec-level (a `Model`) or node-level (a protocol to compose). */
export type Built =
  | { readonly kind: 'model'; readonly model: Model<unknown, Tagged>; readonly settings: string }
  | {
      readonly kind: 'node';
      readonly protocol: NodeProtocol<unknown, unknown, Tagged, Message>;
      readonly config: unknown;
      readonly network: NetworkOptions;
      readonly settings: string;
    };

/** A protocol as the CLI's registry lists it. */
export interface Checkable {
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  readonly constants: readonly ConstantSpec[];
  readonly variants: Readonly<Record<string, Variant>>;
  /**
   * Builds the model from flag values (every flag of `constants`, defaults filled in) and a variant
   * name (null for the correct protocol). Throws `UsageError` naming the bad value and what is accepted.
   */
  build(values: Readonly<Record<string, string>>, variant: string | null): Built;
}
