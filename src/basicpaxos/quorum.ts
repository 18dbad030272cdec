// Quorum tests over the configured quorum system (flexible quorums: any sets that pairwise intersect).
import type { NodeId } from '../core/index.ts';
import type { BpConfig } from './types.ts';

/** `\E Q \in Quorum : Q \subseteq xs`. */
export function hasQuorum(c: BpConfig, xs: readonly NodeId[]): boolean {
  return c.quorums.some((Q) => Q.every((a) => xs.includes(a)));
}
