// What a protocol package offers the CLI: its constants as flags, its broken variants, and a
// builder from parsed flags to something checkable. The CLI (the composition root) does the rest.
import { UsageError } from './errors.ts';
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

/** What a node-level protocol package hands `nodeCheckable`: its flags, handler table and variants. */
export interface NodeCheckableParts<C, S, A extends Tagged, M extends Message, H> {
  readonly name: string;
  readonly summary: string;
  readonly constants: readonly ConstantSpec[];
  /** Each variant swaps some entries of the handler table (ongardie's sibling-module style). */
  readonly variants: Readonly<Record<string, Variant & { readonly replaces: Partial<H> }>>;
  readonly handlers: H;
  /** The protocol over a handler table, named as traces and `--help` show it. */
  protocolWith(h: H, name: string): NodeProtocol<C, S, A, M>;
  parse(values: Readonly<Record<string, string>>): { readonly config: C; readonly network: NetworkOptions };
  settings(c: C, n: NetworkOptions): string;
}

/** The registry entry of a node-level protocol: parse the flags, pick the handler table, compose later. */
export function nodeCheckable<C, S, A extends Tagged, M extends Message, H>(p: NodeCheckableParts<C, S, A, M, H>): Checkable {
  return {
    name: p.name,
    summary: p.summary,
    constants: p.constants,
    variants: p.variants,
    build(values, variant) {
      const { config, network } = p.parse(values);
      let protocol = p.protocolWith(p.handlers, p.name);
      if (variant !== null) {
        const v = p.variants[variant];
        if (v === undefined) throw new UsageError(`unknown variant '${variant}' for ${p.name} (expected: ${Object.keys(p.variants).join(', ')})`);
        protocol = p.protocolWith({ ...p.handlers, ...v.replaces }, `${p.name}/${v.name}`);
      }
      return {
        kind: 'node',
        protocol: protocol as unknown as NodeProtocol<unknown, unknown, Tagged, Message>,
        config,
        network,
        settings: p.settings(config, network),
      };
    },
  };
}
