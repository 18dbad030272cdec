// Snapshots in a trace (docs/trace-validation.md): a line names a snapshot by position, entry id and
// its data's digest, and the model carries that digest as the data, so what a snapshot holds is
// checked where it travels (InstallSnapshot's digest), never read.
import { canonical, snapshotDataRef } from '../../src/core/index.ts';
import type { Message, NodeId, NodeRuntime, RuntimeSnapshot, Tagged } from '../../src/core/index.ts';
import type { SnapshotRef, TraceEvent } from './format.ts';
import { stateProblem } from './step.ts';

/** The snapshot a line names, as the model holds it. */
export function modelSnapshot(r: SnapshotRef): RuntimeSnapshot {
  return { index: r.index, id: r.id, data: snapshotDataRef(r.digest) };
}

/** A compaction into the node's own snapshot (TakeSnapshot at a committed position): the state after it, or why not. */
export function compaction<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, e: TraceEvent, i: NodeId, s: S): { readonly state: S } | { readonly problem: string } {
  const ref = e.snapshot!;
  if (rt.snapshots === undefined) return { problem: `the ${rt.name} model takes no snapshots` };
  const next = rt.snapshots.take(i, s, modelSnapshot(ref));
  if (next === null) return { problem: `compaction up to ${ref.index} (entry id ${JSON.stringify(ref.id)}) is not allowed here: it must be a committed position in the log, after the current snapshot, holding that entry` };
  const problem = stateProblem(rt, e, next);
  return problem === null ? { state: next } : { problem };
}

/**
 * Whether a restarted node's snapshot file `snap` is one it could hold after the states `since` its
 * last durable write: the snapshot of one of them (installed, or compacted), or one it could have
 * compacted to (written, then the crash came before the compaction).
 */
export function snapshotFits<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, i: NodeId, snap: RuntimeSnapshot, since: readonly S[] | null): boolean {
  if (since === null) return true;
  // A line names a snapshot by position, id and data; `meta` (Raft: its configuration) follows from the state that held it.
  const named = (x: RuntimeSnapshot): string => canonical({ index: x.index, id: x.id, data: x.data });
  const key = named(snap);
  const snaps = rt.snapshots;
  if (snaps === undefined) return false;
  return since.some((p) => {
    const held = snaps.current(p);
    return (held !== null && named(held) === key) || snaps.take(i, p, snap) !== null;
  });
}
