// Stopping before memory runs out: at the user's cap (--memory), or before V8's heap limit would
// kill the process, with a clear reason instead of an out-of-memory crash.
import { getHeapStatistics } from 'node:v8';

/** Why exploration must stop for memory now, or null. `capBytes` is the user's cap on RSS. */
export function memoryStop(capBytes: number | undefined): string | null {
  const rss = process.memoryUsage.rss();
  if (capBytes !== undefined && rss > capBytes) {
    return `stopped at --memory ${(capBytes / 2 ** 30).toFixed(1)} GiB (resident ${(rss / 2 ** 30).toFixed(2)} GiB)`;
  }
  const heap = getHeapStatistics();
  if (heap.used_heap_size > 0.9 * heap.heap_size_limit) {
    const limit = Math.round(heap.heap_size_limit / 2 ** 20);
    return `stopped: the JavaScript heap is nearly full (${limit} MiB); run with NODE_OPTIONS=--max-old-space-size=<MiB> for more`;
  }
  return null;
}
