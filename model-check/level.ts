// One breadth-first level, for bfs.ts and por/bfs.ts alike: each state of the frontier expanded in
// turn, the limits and progress checked every 256th expansion, the frontier closed on the way out.
import type { Found } from './expand.ts';
import type { SpillQueue } from './queue.ts';
import type { Progress, Run } from './run.ts';

/** How a level ended: every state expanded (null), a finding, or a limit reached (its reason). */
export type LevelEnd = { readonly found: Found } | { readonly stop: string } | null;

/** What a search counts across its levels. */
export interface LevelCounts {
  expanded: number;
  spilled: number;
}

/** Expands every state of `frontier`; `progress(left)` gives the counts for a checkpoint, `left` states still to expand. */
export function expandLevel<S>(frontier: SpillQueue<S>, c: LevelCounts, run: Run, expand: (s: S, sid: number) => Found | null,
  progress: (left: number) => Omit<Progress, 'seconds' | 'statesPerSecond' | 'rssBytes'>): LevelEnd {
  let left = frontier.length;
  try {
    for (const [s, sid] of frontier.drain()) {
      left--;
      const found = expand(s, sid);
      if (found !== null) return { found };
      if ((++c.expanded & 255) !== 0) continue;
      const stop = run.checkpoint(c.expanded, progress(left));
      if (stop !== null) return { stop };
    }
    c.spilled += frontier.spilledTotal;
    return null;
  } finally {
    frontier.close();
  }
}
