// A linearizability checker for key-value histories: Wing & Gong's search with Lowe's memoization of
// (linearized set, state), on each key separately (a map is linearizable iff each key's register is:
// locality, Herlihy & Wing 1990), as Porcupine does. Written for this project.
//
// When a key's history is not linearizable, the report narrows it to a minimal bad window: the
// shortest prefix of events that is already non-linearizable (ops still running at its end count as
// pending), then the latest start such that every op before it had returned before the window's first
// invocation (so its effect is only an unknown initial value) and the window still fails.
import type { KvCall, KvOutput, Operation } from './history.ts';
import { describeOperation } from './history.ts';

const ABSENT = Symbol('absent');
const ANY = Symbol('any');
/** A key's value: absent, unknown (a window's start), or a JSON value kept as its encoding. */
type Reg = typeof ABSENT | typeof ANY | string;

const enc = (v: unknown): string => JSON.stringify(v) ?? 'null';

/** The states after `op` from `s`: none if its output is impossible there. */
function step(s: Reg, call: KvCall, out: KvOutput | null): Reg[] {
  switch (call.f) {
    case 'get':
      if (out === null) return [s];
      if (!('found' in out)) return [];
      if (out.found) return s === ANY || s === enc(out.value) ? [enc(out.value)] : [];
      return s === ANY || s === ABSENT ? [ABSENT] : [];
    case 'put':
      return out === null || ('applied' in out && out.applied) ? [enc(call.value)] : [];
    case 'del':
      if (out === null) return [ABSENT];
      if (!('applied' in out)) return [];
      if (out.applied) return s === ABSENT ? [] : [ABSENT];
      return s === ANY || s === ABSENT ? [ABSENT] : [];
    case 'cas': {
      const e = enc(call.expected);
      if (out === null) return s === ANY ? [enc(call.value), ANY] : s === e ? [enc(call.value)] : [s];
      if (!('applied' in out)) return [];
      if (out.applied) return s === ANY || s === e ? [enc(call.value)] : [];
      if (out.reason === 'not-found') return s === ANY || s === ABSENT ? [ABSENT] : [];
      return s === ANY ? [ANY] : s !== ABSENT && s !== e ? [s] : [];
    }
  }
}

type Node = { kind: 'call' | 'ret'; op: number; time: number; prev: Node | null; next: Node | null; match: Node | null };

/** Result of one search. `limit`: gave up after `maxStates` (neither proved nor refuted). */
type Verdict = 'ok' | 'bad' | 'limit';

function search(ops: readonly Operation[], init: Reg, maxStates: number): Verdict {
  const n = ops.length;
  if (n === 0) return 'ok';
  const events: Node[] = [];
  ops.forEach((o, k) => {
    const c: Node = { kind: 'call', op: k, time: o.invoke, prev: null, next: null, match: null };
    const r: Node = { kind: 'ret', op: k, time: o.ret, prev: null, next: null, match: null };
    c.match = r;
    events.push(c, r);
  });
  // Calls before returns at equal times: touching operations count as concurrent (the lenient side).
  events.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'call' ? -1 : 1));
  const head: Node = { kind: 'call', op: -1, time: -Infinity, prev: null, next: null, match: null };
  let p = head;
  for (const e of events) {
    p.next = e;
    e.prev = p;
    p = e;
  }
  const lift = (c: Node): void => {
    for (const x of [c, c.match as Node]) {
      (x.prev as Node).next = x.next;
      if (x.next) x.next.prev = x.prev;
    }
  };
  const unlift = (c: Node): void => {
    for (const x of [c.match as Node, c]) {
      (x.prev as Node).next = x;
      if (x.next) x.next.prev = x;
    }
  };
  const bits = new Uint32Array(Math.ceil(n / 32));
  const flip = (k: number): void => {
    bits[k >>> 5] = (bits[k >>> 5] as number) ^ (1 << (k & 31));
  };
  const seen = new Set<string>();
  const keyOf = (s: Reg): string => `${Array.from(bits).join(',')}|${typeof s === 'symbol' ? String(s.description) : `v${s}`}`;
  type Frame = { entry: Node; state: Reg; choices: Reg[]; k: number };
  const stack: Frame[] = [];
  let state = init;
  let entry: Node | null = head.next;
  // Try choices[from..] of the call `e`: push the first unseen one and lift e.
  const tryFrom = (e: Node, choices: Reg[], from: number): boolean => {
    for (let k = from; k < choices.length; k += 1) {
      const s2 = choices[k] as Reg;
      flip(e.op);
      const key = keyOf(s2);
      if (!seen.has(key)) {
        seen.add(key);
        stack.push({ entry: e, state, choices, k });
        state = s2;
        lift(e);
        return true;
      }
      flip(e.op);
    }
    return false;
  };
  while (head.next !== null) {
    if (seen.size > maxStates) return 'limit';
    if (entry === null) return 'bad';
    if (entry.kind === 'call') {
      const o = ops[entry.op] as Operation;
      if (tryFrom(entry, step(state, o.call, o.output), 0)) entry = head.next;
      else entry = entry.next;
      continue;
    }
    // A return whose call is not yet linearized: undo the last choice and try the next one.
    let resumed = false;
    while (!resumed) {
      const top = stack.pop();
      if (top === undefined) return 'bad';
      state = top.state;
      flip(top.entry.op);
      unlift(top.entry);
      if (tryFrom(top.entry, top.choices, top.k + 1)) {
        entry = head.next;
        resumed = true;
      } else if (top.entry.next !== null) {
        entry = top.entry.next;
        resumed = true;
      }
    }
  }
  return 'ok';
}

/** The verdict on a whole history. */
export type CheckResult =
  | { readonly ok: true; readonly keys: number; readonly operations: number }
  | { readonly ok: false; readonly unknown: true; readonly key: string; readonly reason: string }
  | {
      readonly ok: false;
      readonly unknown?: false;
      readonly key: string;
      /** The minimal non-linearizable window, in invocation order. */
      readonly window: readonly Operation[];
      /** Whether the window starts from the key's initial state (absent) or an unknown value. */
      readonly fromStart: boolean;
      /** A printable report. */
      readonly report: string;
    };

/** Options: `maxStates` bounds each search (default 2,000,000 memoized states). */
export interface CheckOptions {
  readonly maxStates?: number;
}

/** Checks that a key-value history is linearizable; keys start absent. */
export function checkLinearizable(ops: readonly Operation[], options: CheckOptions = {}): CheckResult {
  const maxStates = options.maxStates ?? 2_000_000;
  const byKey = new Map<string, Operation[]>();
  for (const o of ops) {
    const list = byKey.get(o.key);
    if (list === undefined) byKey.set(o.key, [o]);
    else list.push(o);
  }
  for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sorted = list.toSorted((a, b) => a.invoke - b.invoke || a.id - b.id);
    const v = search(sorted, ABSENT, maxStates);
    if (v === 'limit') return { ok: false, unknown: true, key, reason: `search gave up after ${maxStates} states` };
    if (v === 'bad') return badWindow(key, sorted, maxStates);
  }
  return { ok: true, keys: byKey.size, operations: ops.length };
}

/** The history up to time t: later calls are left out, ops still running at t become pending. */
function prefix(ops: readonly Operation[], t: number): Operation[] {
  const out: Operation[] = [];
  for (const o of ops) {
    if (o.invoke > t) continue;
    if (o.ret <= t) out.push(o);
    else if (o.call.f !== 'get') out.push({ ...o, ret: Infinity, output: null });
  }
  return out;
}

function badWindow(key: string, ops: readonly Operation[], maxStates: number): CheckResult {
  // Shortest bad prefix: binary search over return times (a non-linearizable prefix stays so).
  const rets = ops.map((o) => o.ret).filter((r) => r !== Infinity).toSorted((a, b) => a - b);
  let lo = 0;
  let hi = rets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (search(prefix(ops, rets[mid] as number), ABSENT, maxStates) === 'bad') hi = mid;
    else lo = mid + 1;
  }
  let window = prefix(ops, rets[lo] ?? Infinity);
  let fromStart = true;
  // Latest sound start: every earlier op returned before the start's invocation.
  for (let a = window.length - 1; a > 0; a -= 1) {
    const start = (window[a] as Operation).invoke;
    if (!window.slice(0, a).every((o) => o.ret < start)) continue;
    const w = window.slice(a);
    if (search(w, ANY, maxStates) === 'bad') {
      window = w;
      fromStart = false;
      break;
    }
  }
  const report = [
    `key ${JSON.stringify(key)}: not linearizable; minimal window of ${window.length} operation(s)` +
      (fromStart ? ' from the initial state:' : ' (earlier operations only set its initial value):'),
    ...window.map((o) => `  ${describeOperation(o)}`),
  ].join('\n');
  return { ok: false, key, window, fromStart, report };
}
