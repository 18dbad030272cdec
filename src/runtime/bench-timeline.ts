// Where the catch-up row's time goes, read from the nodes' log lines (their ISO timestamps and the
// figures the snapshot code logs): elections, the leader's snapshots, each snapshot sent to the
// restarted follower, its arrival, file write and KV load, and the log tail after it.

/** Wall-clock instants (ms since the epoch) of the row. */
export interface CatchupInstants {
  readonly writesStart: number;
  /** The follower's process was started again. */
  readonly restart: number;
  /** It answered `/status`. */
  readonly serving: number;
  /** Its log and KV store held the leader's last index (NaN: never). */
  readonly caughtUp: number;
}

type Line = { readonly at: number; readonly text: string };

/** A node log's lines with their timestamps (lines without one are skipped). */
export function logLines(text: string): Line[] {
  const out: Line[] = [];
  for (const l of text.split('\n')) {
    const at = Date.parse(l.slice(0, 24));
    if (!Number.isNaN(at)) out.push({ at, text: l.slice(25) });
  }
  return out;
}

const num = (text: string, re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);
const between = (ls: readonly Line[], from: number, to: number) => ls.filter((l) => l.at >= from && l.at <= to);
const ms = (x: number) => (Number.isNaN(x) ? '-' : `${Math.round(x)} ms`);
const max = (xs: readonly number[]) => (xs.length === 0 ? NaN : Math.max(...xs));

/**
 * One table row: elections during the writes and during the catch-up, the leader's snapshots (count,
 * slowest capture and file write), then for the follower, in ms after it served: the first snapshot
 * sent to it, its arrival (transfer, parse), its file write, the KV load, and the tail until caught up.
 */
export function catchupTimeline(follower: string, logs: Readonly<Record<string, string>>, t: CatchupInstants): string {
  const all = Object.values(logs).flatMap(logLines);
  const mine = logLines(logs[follower] ?? '');
  const end = Number.isNaN(t.caughtUp) ? Infinity : t.caughtUp;
  const elections = (from: number, to: number) => between(all, from, to).filter((l) => l.text.includes('election: timed out')).length;
  const wrote = between(all, t.writesStart, t.restart).filter((l) => l.text.includes('snapshot: wrote index'));
  const sent = between(all, t.restart, end).filter((l) => l.text.includes(`snapshot: sending `) && l.text.includes(` to ${follower} `));
  const streamed = between(all, t.restart, end).find((l) => l.text.includes(`snapshot: sent `) && l.text.includes(` to ${follower}: `));
  const received = between(mine, t.restart, end).filter((l) => l.text.includes('snapshot: received '));
  const installed = between(mine, t.restart, end).find((l) => l.text.includes('snapshot: installed index'));
  const loaded = between(mine, t.restart, end).find((l) => l.text.includes('into the KV store'));
  const after = (l: Line | undefined) => (l === undefined ? NaN : l.at - t.serving);
  const first = received[0];
  const writeMs = num(installed?.text ?? '', /written in ([\d.]+) ms/);
  return [
    `| catchup timeline | elections: ${elections(t.writesStart, t.restart)} during the writes, ${elections(t.restart, end)} during the catch-up`,
    `leader's snapshots during the writes: ${wrote.length}, slowest capture ${ms(max(wrote.map((l) => num(l.text, /captured in ([\d.]+) ms/))))}, slowest file ${ms(max(wrote.map((l) => num(l.text, /bytes in ([\d.]+) ms/))))}`,
    `after serving: snapshot first sent at ${ms(after(sent[0]))} (${sent.length} sends; the first encoded and sent over ${ms(num(streamed?.text ?? '', /chunks over ([\d.]+) ms/))})`,
    `received at ${ms(after(first))} (${received.length} copies; transfer ${ms(num(first?.text ?? '', /over ([\d.]+) ms/))}, parse ${ms(num(first?.text ?? '', /parsed in ([\d.]+) ms/))}, ${ms(num(first?.text ?? '', /\(([\d.]+) ms at the end\)/))} of it at the end)`,
    `file written by ${ms(after(installed))} (write ${ms(writeMs)}, so the step took ${ms(after(installed) - writeMs - after(first))})`,
    `KV loaded by ${ms(after(loaded))} (${ms(num(loaded?.text ?? '', /keys\) in ([\d.]+) ms/))})`,
    `log tail until caught up ${ms(t.caughtUp - (loaded?.at ?? NaN))} |`,
  ].join('; ');
}
