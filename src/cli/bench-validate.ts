// `npm run bench:validate`: trace validation's speed. A simulated 3-node Raft run (the runtime's
// adapter stepped by a seeded scheduler: deliveries with loss, duplication and reordering, timers,
// client requests, restarts) writes its trace logs with the runtime's writer; the logs of 3,000 and
// 30,000 steps are then parsed and validated as `validate raft` does. Figures go in docs/trace-validation.md.
import { loadavg } from 'node:os';
import { setAutoFreeze } from 'immer';
import type { NodeId, Receive } from '../core/index.ts';
import { raftProtocol, raftRuntime } from '../raft/index.ts';
import type { RaftAction, RaftMessage, Server } from '../raft/index.ts';
import { TraceLog } from '../runtime/trace-log.ts';
import { parseTrace, validateTrace } from '../../model-check/validate/index.ts';

const IDS = ['s1', 's2', 's3'];
const rt = raftRuntime(raftProtocol, IDS);
type Input = RaftAction | Receive<RaftMessage>;

/** A small deterministic generator. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** The logs of a simulated run of `steps` steps (restarts included), one text per node. */
export function simulateRun(steps: number, seed = 1): string[] {
  const random = rng(seed);
  const text = new Map(IDS.map((i) => [i, '']));
  let clock = 0;
  const logs = new Map(IDS.map((i) => [i, new TraceLog(rt, i, { write: (t) => text.set(i, text.get(i) + t) }, 0, () => ++clock)]));
  const state = new Map<NodeId, Server>();
  for (const i of IDS) {
    logs.get(i)!.header(IDS);
    state.set(i, rt.restore(i, null));
    logs.get(i)!.restart(state.get(i)!, null);
  }
  const net: RaftMessage[] = [];
  let taken = 0;
  const take = (i: NodeId, x: Input, react = true): void => {
    const before = state.get(i)!;
    let s = before;
    for (let r = rt.step(i, s, x); r !== null; r = r.keep === true ? rt.step(i, s, x) : null) {
      logs.get(i)!.step(x, s, r);
      taken += 1;
      s = r.state;
      net.push(...r.send);
    }
    if (s === before) return;
    state.set(i, s);
    if (react) for (const a of rt.reactions(i, before, s, x)) take(i, a, false);
  };
  let seq = 0;
  while (taken < steps) {
    const i = IDS[Math.floor(random() * IDS.length)]!;
    const p = random();
    const leader = rt.view(state.get(i)!).role === 'leader';
    if (p < 0.6 && net.length > 0) {
      const k = Math.floor(random() * net.length);
      const m = net[k]!;
      if (random() > 0.03) net.splice(k, 1); // else a duplicate stays in flight
      if (random() > 0.05) take(m.dest, { type: 'Receive', m }); // else lost
    } else if (p < 0.8) {
      for (const a of rt.timers['heartbeat']!.actions(i, state.get(i)!)) take(i, a);
    } else if (p < 0.97) {
      const a = rt.command(i, state.get(i)!, [{ f: 'put', key: `k${seq % 7}`, value: `v${++seq}` }]);
      if (a !== null) take(i, a);
    } else if (p < 0.975 && !leader) {
      for (const a of rt.timers['election']!.actions(i, state.get(i)!)) take(i, a);
    } else if (p >= 0.998) {
      const d = rt.durable(state.get(i)!);
      state.set(i, rt.restore(i, d));
      logs.get(i)!.restart(state.get(i)!, d);
      taken += 1;
    }
    logs.get(i)!.persisted();
  }
  for (const l of logs.values()) l.flush();
  return IDS.map((i) => text.get(i)!);
}

function row(steps: number): void {
  const texts = simulateRun(steps);
  const lines = texts.reduce((n, t) => n + t.split('\n').length - 2, 0);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const t0 = performance.now();
  const files = texts.map((t, k) => parseTrace(`${IDS[k]}.jsonl`, t));
  const t1 = performance.now();
  const r = validateTrace(rt, files);
  const t2 = performance.now();
  if (!r.ok) throw new Error(`the simulated run does not validate at ${r.event.file}:${r.event.line}`);
  const views = files.flatMap((f) => f.events.map((e) => e.view).filter((v) => v !== null));
  const most = (k: string) => Math.max(...views.map((v) => Number(v[k])));
  const restarts = files.reduce((n, f) => n + f.events.filter((e) => e.kind === 'restart').length - 1, 0);
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`${String(steps).padStart(6)} steps (${lines} lines with persist marks, ${(bytes / 2 ** 20).toFixed(1)} MiB; terms to ${most('term')}, commit index to ${most('commitIndex')}, ${restarts} restarts): parse ${((t1 - t0) / 1000).toFixed(2)} s, validate ${((t2 - t1) / 1000).toFixed(2)} s, total ${((t2 - t0) / 1000).toFixed(2)} s; load average ${load}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setAutoFreeze(false);
  for (const n of process.argv.slice(2).length > 0 ? process.argv.slice(2).map(Number) : [3_000, 30_000]) row(n);
}
