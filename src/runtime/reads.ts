// Reads by ReadIndex at a leader (Raft thesis §6.4), batched: the reads that arrive while one read is
// being confirmed wait for the next one, which records its own commit index. The protocol decides
// (its `reads` actions through `step`); this only groups clients and answers them once applied.
import type { NodeId } from '../core/index.ts';
import type { KvResult } from './kv/kv.ts';

/** A client read waiting for an answer. */
export interface WaitingRead {
  readonly key: string;
  readonly resolve: (o: ReadAnswer) => void;
  done: boolean;
}

export type ReadAnswer =
  | { readonly kind: 'done'; readonly result: KvResult }
  | { readonly kind: 'failed'; readonly reason: 'not-leader'; readonly leader: NodeId | null }
  | { readonly kind: 'timeout' };

/** The read being confirmed: its id, its read index, whether the protocol answered it, and its clients. */
export interface ReadBatch {
  readonly id: number;
  readonly index: number;
  answered: boolean;
  readonly reads: WaitingRead[];
}

export function finishRead(w: WaitingRead, a: ReadAnswer): void {
  if (w.done) return;
  w.done = true;
  w.resolve(a);
}
