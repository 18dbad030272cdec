// A composed model's variables and their TLA+ types: each node variable is a function of the node,
// `messages` a bag of messages, `drops` and `duplicates` counters (compose.ts, `variables`).
import type { AnySchema, NodeShape, Shape } from '../src/core/index.ts';

/** The `Shape` of `compose(p, ...)`'s variables from the protocol's node-level declaration. */
export function composedShape<S, M>(shape: NodeShape<S, M>): Shape {
  const variables: Record<string, AnySchema> = {};
  for (const [k, v] of Object.entries(shape.variables)) variables[k] = { record: v as AnySchema };
  const message = shape.message as AnySchema;
  return { variables: { ...variables, messages: { bag: message }, drops: 'plain', duplicates: 'plain' }, message, ...(shape.nil === undefined ? {} : { nil: shape.nil }) };
}
