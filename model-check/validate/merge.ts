// Merging per-node logs into one behaviour: each node's events stay in its file's order, and a receive
// comes after the send it names (Lamport's happened-before). Steps of different nodes commute (each
// reads and writes its own node only; a receive reads a message fixed at its send), so every order
// that respects happened-before gives the same states: one such order stands for all of them.
import type { TraceEvent, TraceFile } from './format.ts';

/** Where an event sits: file index and event index. */
export interface At {
  readonly f: number;
  readonly k: number;
}

/** The send a receive names: the message key (sender#seq) and where the send event is, or null if no log sent it. */
export interface Resolved {
  readonly key: string;
  readonly at: At;
}

/** `sender#seq`: a message's identity. */
export const messageKey = (from: string, seq: number): string => `${from}#${seq}`;

/** For every receive event, the send it names (by seq, or by digest: the earliest send of that content). */
export function resolveReceives(files: readonly TraceFile[]): Map<TraceEvent, Resolved | null> {
  const bySeq = new Map<string, At>();
  const byDigest = new Map<string, { key: string; at: At }>();
  files.forEach((file, f) =>
    file.events.forEach((e, k) => {
      for (const s of e.sent ?? []) {
        const key = messageKey(e.node, s.seq);
        if (!bySeq.has(key)) bySeq.set(key, { f, k });
        const d = `${e.node}>${s.to}#${s.digest}`;
        if (s.digest !== null && !byDigest.has(d)) byDigest.set(d, { key, at: { f, k } });
      }
    }),
  );
  const out = new Map<TraceEvent, Resolved | null>();
  for (const file of files) {
    for (const e of file.events) {
      if (e.kind !== 'receive' || e.from === null) continue;
      if (e.seq !== null) {
        const key = messageKey(e.from, e.seq);
        const at = bySeq.get(key);
        out.set(e, at === undefined ? null : { key, at });
      } else out.set(e, byDigest.get(`${e.from}>${e.node}#${e.digest}`) ?? null);
    }
  }
  return out;
}

/** The next event of a merge, or why none can come next (a receive whose send is missing or later). */
export type Next = { readonly at: At } | { readonly stuck: TraceEvent; readonly send: Resolved | null } | null;

/** Walks the files in a happened-before order, earliest `t` first among the events that may go next. */
export class Merge {
  private readonly files: readonly TraceFile[];
  private readonly resolved: Map<TraceEvent, Resolved | null>;
  private readonly heads: number[];

  constructor(files: readonly TraceFile[], resolved: Map<TraceEvent, Resolved | null>) {
    this.files = files;
    this.resolved = resolved;
    this.heads = files.map(() => 0);
  }

  /** The event that goes next (then `advance` it), null at the end, or the blocked receive. */
  next(): Next {
    let best: At | null = null;
    let bestT = Infinity;
    let blocked: TraceEvent | null = null;
    let blockedT = Infinity;
    for (let f = 0; f < this.files.length; f++) {
      const e = this.files[f]!.events[this.heads[f]!];
      if (e === undefined) continue;
      const t = e.t ?? Infinity;
      if (this.ready(e)) {
        if (best === null || t < bestT) [best, bestT] = [{ f, k: this.heads[f]! }, t];
      } else if (blocked === null || this.rank(e, t) < this.rank(blocked, blockedT)) [blocked, blockedT] = [e, t];
    }
    if (best !== null) return { at: best };
    return blocked === null ? null : { stuck: blocked, send: this.resolved.get(blocked) ?? null };
  }

  advance(at: At): void {
    this.heads[at.f] = at.k + 1;
  }

  event(at: At): TraceEvent {
    return this.files[at.f]!.events[at.k]!;
  }

  /** A receive that no log sent is reported before one that waits on a later send; then by time. */
  private rank(e: TraceEvent, t: number): number {
    return (this.resolved.get(e) === null ? 0 : 1e15) + (Number.isFinite(t) ? t : 1e14);
  }

  private ready(e: TraceEvent): boolean {
    if (e.kind !== 'receive') return true;
    const r = this.resolved.get(e);
    return r !== null && r !== undefined && r.at.k < this.heads[r.at.f]!;
  }
}
