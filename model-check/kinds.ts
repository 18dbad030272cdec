// An action instance's kind, as TLC's coverage names an action: the spec's operator, without its
// arguments (a composed model's `Internal` step by the node's action, a message step by its type).
import type { Tagged } from '../src/core/index.ts';

/** The kind of `a`: `RequestVote`, `Receive AppendEntriesRequest`, `Phase2a`, `Restart`. */
export function actionKind(a: Tagged): string {
  const x = a as { readonly type: string; readonly a?: { readonly type?: unknown }; readonly m?: { readonly type?: unknown } };
  if (x.type === 'Internal' && typeof x.a?.type === 'string') return x.a.type;
  if (typeof x.m?.type === 'string') return `${x.type} ${x.m.type}`;
  return x.type;
}
