// `--trace-log FILE`: the trace log of one node in a file, appended across restarts. A torn last line
// (the process was killed mid-write) is cut off, and the send sequence numbers go on from the file's
// highest, so that a message's identity (sender, seq) stays unique over the node's lifetime.
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { UsageError } from '../core/index.ts';
import type { Message, NodeId, NodeRuntime, Tagged } from '../core/index.ts';
import { TraceLog } from './trace-log.ts';

/** `{id}` in the path stands for the node id, so that one flag names every node's file. */
export function traceLogPath(pattern: string, id: NodeId): string {
  return pattern.replaceAll('{id}', id);
}

/** Opens (or creates, with its header) node `id`'s trace log; flushed on exit. */
export function openTraceLog<S, A extends Tagged, M extends Message>(
  file: string,
  rt: NodeRuntime<S, A, M>,
  id: NodeId,
  nodes: readonly NodeId[],
): { log: TraceLog<S, A, M>; close(): void } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`--trace-log: cannot read ${file}: ${(e as Error).message}`);
  }
  let fd: number;
  try {
    fd = openSync(file, 'a');
    const whole = text.lastIndexOf('\n') + 1;
    if (whole < Buffer.byteLength(text)) {
      text = text.slice(0, whole);
      ftruncateSync(fd, Buffer.byteLength(text));
    }
  } catch (e) {
    throw new UsageError(`--trace-log: cannot write ${file}: ${(e as Error).message}`);
  }
  const log = new TraceLog(rt, id, { write: (t) => void writeSync(fd, t) }, lastSeq(text));
  if (text.length === 0) log.header(nodes);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    process.off('exit', close);
    log.flush();
    closeSync(fd);
  };
  process.once('exit', close);
  return { log, close };
}

/** The highest send sequence number in the lines of an existing log (0 if none). */
function lastSeq(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/"seq":(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}
