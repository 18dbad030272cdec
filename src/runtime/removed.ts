// A node removed from the cluster keeps its data directory but must not start as a member again (Raft
// §6: a removed server that came back would disrupt, and its vote and log belong to a configuration
// that no longer counts it): `removed.json` in its data directory records the removal.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'removed.json';

/** What the marker records: when, and the configuration that left the node out. */
export interface Removal {
  readonly at: string;
  readonly voters: readonly string[];
  readonly index: number;
}

/** The removal recorded in data directory `dir`, or null if there is none. */
export function readRemoval(dir: string): Removal | null {
  let text: string;
  try {
    text = readFileSync(join(dir, FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const r = JSON.parse(text) as Partial<Removal>;
    return { at: String(r.at ?? '?'), voters: Array.isArray(r.voters) ? r.voters.map(String) : [], index: Number(r.index ?? 0) };
  } catch {
    return { at: '?', voters: [], index: 0 };
  }
}

/** Records in `dir` that its node was removed. */
export function writeRemoval(dir: string, r: Removal): void {
  writeFileSync(join(dir, FILE), `${JSON.stringify(r)}\n`);
}

/** The one line a removed node refuses to start with. */
export function removedMessage(id: string, dir: string, r: { readonly voters: readonly string[]; readonly index: number; readonly at?: string }): string {
  const when = r.at === undefined ? '' : ` on ${r.at}`;
  return (
    `node ${id}: removed from the cluster${when} (configuration {${r.voters.join(',')}} at index ${r.index} leaves it out); ` +
    `refusing to start as a member: its data is kept in ${dir}; to bring it back, run 'cluster add ${id}' (it joins again as a learner on a fresh data directory)`
  );
}
