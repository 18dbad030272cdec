// Where one client's write spends its time, read from the node logs of a run with CC_TRACE=1
// (`npm run bench:cluster -- --clients 1 --breakdown`): each HTTP PUT at the leader is matched with
// the leader's round that proposed it, the first follower round that wrote it, and the leader's round
// that answered it. Times are wall-clock milliseconds of one host (the nodes' clocks agree); `cpu`
// phases are the process's CPU time in that part of the round.

/** One `trace round` line. */
export interface TracedRound {
  readonly first: number | null;
  readonly start: number;
  readonly send: number;
  readonly write: number;
  readonly sent: number;
  readonly end: number;
  readonly answered: number;
  readonly cmds: number;
  readonly inputs: readonly string[];
  /** CPU ms: steps and sends before the write, the write, after it. */
  readonly cpu: readonly number[];
}

/** One `trace http` line: arrival, `res.end` called, answer handed to the kernel. */
export interface TracedRequest {
  readonly method: string;
  readonly arrived: number;
  readonly ended: number;
  readonly answered: number;
}

const ROUND = /trace round first=(\S+) start=(\S+) send=(\S+) write=(\S+) sent=(\S+) end=(\S+) answered=(\d+) cmds=(\d+) in=(\S*) cpu=(\S+)/;
const HTTP = /trace http (\S+) \S+ arrived=(\S+) ended=(\S+) answered=(\S+)/;

/** The traced rounds and requests of one node's log, in time order. */
export function parseTrace(log: string): { rounds: TracedRound[]; requests: TracedRequest[] } {
  const rounds: TracedRound[] = [];
  const requests: TracedRequest[] = [];
  for (const line of log.split('\n')) {
    const r = ROUND.exec(line);
    if (r !== null) {
      const t = (k: number) => Number(r[k]);
      rounds.push({
        first: r[1] === '-' ? null : t(1),
        start: t(2),
        send: t(3),
        write: t(4),
        sent: t(5),
        end: t(6),
        answered: t(7),
        cmds: t(8),
        inputs: (r[9] ?? '').split(',').filter((x) => x !== ''),
        cpu: (r[10] ?? '').split('/').map((x) => Number(x) / 1000),
      });
      continue;
    }
    const h = HTTP.exec(line);
    if (h !== null) requests.push({ method: h[1] ?? '', arrived: Number(h[2]), ended: Number(h[3]), answered: Number(h[4]) });
  }
  rounds.sort((a, b) => a.start - b.start);
  requests.sort((a, b) => a.arrived - b.arrived);
  return { rounds, requests };
}

/** The phases of one write, in the order they happen (ms). */
export const PHASES = [
  'request arrived -> leader round starts',
  'leader steps until its first AppendEntries leaves',
  'leader: other steps and sends, until its write',
  'leader write (fsync)',
  'leader sent -> follower has the message',
  'follower message -> round starts',
  'follower round before its write',
  'follower write (fsync)',
  'follower write done -> leader has the answer',
  'leader answer -> round starts',
  'leader round (commit, apply)',
  'round end -> res.end',
  'res.end -> answer in the kernel',
  'leader write done -> first answer arrives',
  'request arrived -> answered (total)',
  'cpu: leader before its write',
  'cpu: leader write',
  'cpu: follower before its write',
  'cpu: follower write',
  'cpu: follower after its write (answer sent first)',
  'cpu: leader answering round',
] as const;
export type Phase = (typeof PHASES)[number];

/** First index in `xs` (sorted by start) whose start is at least `t`. */
function firstFrom(xs: readonly TracedRound[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as TracedRound).start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each matched write's phases; the leader is the node that answered the most PUTs. */
export function breakdown(logs: Readonly<Record<string, string>>): { leader: string; puts: number; writes: Record<Phase, number>[] } {
  const nodes = Object.fromEntries(Object.entries(logs).map(([id, text]) => [id, parseTrace(text)]));
  const puts = (id: string) => (nodes[id]?.requests ?? []).filter((r) => r.method === 'PUT');
  const leader = Object.keys(nodes).reduce((a, b) => (puts(b).length > puts(a).length ? b : a));
  const lr = nodes[leader]?.rounds ?? [];
  const followers = Object.keys(nodes).filter((id) => id !== leader).map((id) => nodes[id]?.rounds ?? []);
  const writes: Record<Phase, number>[] = [];
  for (const q of puts(leader)) {
    let i = firstFrom(lr, q.arrived);
    while (i < lr.length && (lr[i] as TracedRound).cmds === 0) i += 1;
    let j = i + 1;
    while (j < lr.length && (lr[j] as TracedRound).answered === 0) j += 1;
    const r1 = lr[i];
    const r2 = lr[j];
    // Only a write proposed alone and answered alone is one client's write.
    if (r1 === undefined || r2 === undefined || r1.cmds !== 1 || r2.answered !== 1 || r2.end > q.answered) continue;
    const f = followers
      .map((fr) => fr.slice(firstFrom(fr, r1.write)).find((r) => r.inputs.includes('AppendEntriesRequest')))
      .filter((r): r is TracedRound => r !== undefined && r.sent < r2.start)
      .sort((a, b) => a.sent - b.sent)[0];
    if (f === undefined || f.first === null || r2.first === null) continue;
    const c = (r: TracedRound, k: number) => r.cpu[k] ?? NaN;
    writes.push({
      'request arrived -> leader round starts': r1.start - q.arrived,
      'leader steps until its first AppendEntries leaves': r1.send - r1.start,
      'leader: other steps and sends, until its write': r1.write - r1.send,
      'leader write (fsync)': r1.sent - r1.write,
      'leader sent -> follower has the message': f.first - r1.write,
      'follower message -> round starts': f.start - f.first,
      'follower round before its write': f.write - f.start,
      'follower write (fsync)': f.sent - f.write,
      'follower write done -> leader has the answer': r2.first - f.sent,
      'leader answer -> round starts': r2.start - r2.first,
      'leader round (commit, apply)': r2.end - r2.start,
      'round end -> res.end': q.ended - r2.end,
      'res.end -> answer in the kernel': q.answered - q.ended,
      'leader write done -> first answer arrives': r2.first - r1.sent,
      'request arrived -> answered (total)': q.answered - q.arrived,
      'cpu: leader before its write': c(r1, 0),
      'cpu: leader write': c(r1, 1),
      'cpu: follower before its write': c(f, 0),
      'cpu: follower write': c(f, 1),
      'cpu: follower after its write (answer sent first)': c(f, 2),
      'cpu: leader answering round': c(r2, 0) + c(r2, 1) + c(r2, 2),
    });
  }
  return { leader, puts: puts(leader).length, writes };
}

/** The breakdown as a Markdown table: p50 and mean of each phase over the matched writes. */
export function breakdownTable(logs: Readonly<Record<string, string>>): string {
  const { leader, puts, writes } = breakdown(logs);
  const stat = (p: Phase) => {
    const xs = writes.map((w) => w[p]).sort((a, b) => a - b);
    const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return `${(xs[Math.floor(xs.length / 2)] ?? NaN).toFixed(3)} | ${mean.toFixed(3)}`;
  };
  const rows = PHASES.map((p) => `| ${p} | ${stat(p)} |`);
  return [`one write, phase by phase (leader ${leader}; ${writes.length} of ${puts} PUTs matched; ms)`, '', '| phase | p50 | mean |', '|---|--:|--:|', ...rows].join('\n');
}
