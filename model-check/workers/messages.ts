// What the main thread and the explorer workers say to each other.
import type { Found } from '../expand.ts';
import type { SharedFingerprintBuffers } from '../shared-fingerprints.ts';

/** Messages to a worker. */
export type ToWorker =
  | { readonly type: 'level' }
  | { readonly type: 'expand'; readonly states: readonly unknown[]; readonly ids: readonly number[] }
  | { readonly type: 'advance' }
  | { readonly type: 'table'; readonly buffers: SharedFingerprintBuffers }
  | { readonly type: 'parents' }
  | { readonly type: 'give'; readonly count: number }
  | { readonly type: 'take'; readonly states: readonly unknown[]; readonly ids: readonly number[] }
  | { readonly type: 'close' };

/** Messages from a worker. */
export type ToMain =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly fresh: number; readonly generated: number; readonly witnesses: Readonly<Record<string, boolean>>; readonly spilled: number }
  | { readonly type: 'closed' }
  | { readonly type: 'given'; readonly states: readonly unknown[]; readonly ids: readonly number[] }
  | { readonly type: 'taken' }
  /** A steal answered: `count` states went straight to worker `thief` (as an 'expand'). */
  | { readonly type: 'stolen'; readonly count: number; readonly thief: number }
  | { readonly type: 'paused' }
  | { readonly type: 'violation'; readonly found: Found }
  | { readonly type: 'parents'; readonly parent: Uint32Array; readonly via: Uint32Array }
  | { readonly type: 'error'; readonly message: string };
