// A client history of key-value operations, as a concurrent workload records it (Jepsen's shape):
// `invoke` when a request is sent, then `ok` (it took effect, with its result), `fail` (it certainly
// did not take effect) or `unknown` (a timeout or a lost connection: it may or may not have).

/** An operation on one key. */
export type KvCall =
  | { readonly f: 'get' }
  | { readonly f: 'put'; readonly value: unknown }
  | { readonly f: 'del' }
  | { readonly f: 'cas'; readonly expected: unknown; readonly value: unknown };

/** What an `ok` operation answered: a get's value (null when absent), or whether it applied. */
export type KvOutput =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false }
  | { readonly applied: true }
  | { readonly applied: false; readonly reason: 'not-found' | 'precondition' };

/** One history event. Times are milliseconds (any monotonic clock). */
export type HistoryEvent =
  | { readonly type: 'invoke'; readonly id: number; readonly client: string; readonly key: string; readonly call: KvCall; readonly time: number }
  | { readonly type: 'ok'; readonly id: number; readonly output: KvOutput; readonly time: number }
  | { readonly type: 'fail' | 'unknown'; readonly id: number; readonly time: number; readonly error?: string };

/** An operation with its call and return times; `ret` is Infinity and `output` null when unknown. */
export interface Operation {
  readonly id: number;
  readonly client: string;
  readonly key: string;
  readonly call: KvCall;
  readonly invoke: number;
  readonly ret: number;
  readonly output: KvOutput | null;
}

/** Records a history; `invoke` returns a handle to complete. Safe to share among async clients. */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private next = 0;
  private readonly now: () => number;
  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }
  invoke(client: string, key: string, call: KvCall): number {
    const id = this.next++;
    this.events.push({ type: 'invoke', id, client, key, call, time: this.now() });
    return id;
  }
  ok(id: number, output: KvOutput): void {
    this.events.push({ type: 'ok', id, output, time: this.now() });
  }
  fail(id: number, error?: string): void {
    this.events.push(error === undefined ? { type: 'fail', id, time: this.now() } : { type: 'fail', id, time: this.now(), error });
  }
  unknown(id: number, error?: string): void {
    this.events.push(error === undefined ? { type: 'unknown', id, time: this.now() } : { type: 'unknown', id, time: this.now(), error });
  }
}

/**
 * Pairs invocations with completions. A failed operation did not happen and is left out; an unknown
 * (or never completed) one may have happened at any time after its invocation (`ret = Infinity`); an
 * unknown read constrains nothing and is left out.
 */
export function operations(events: readonly HistoryEvent[]): Operation[] {
  const open = new Map<number, Extract<HistoryEvent, { type: 'invoke' }>>();
  const done = new Map<number, HistoryEvent>();
  for (const e of events) {
    if (e.type === 'invoke') open.set(e.id, e);
    else done.set(e.id, e);
  }
  const ops: Operation[] = [];
  for (const [id, inv] of open) {
    const end = done.get(id);
    if (end?.type === 'fail') continue;
    if (end?.type === 'ok') {
      ops.push({ id, client: inv.client, key: inv.key, call: inv.call, invoke: inv.time, ret: end.time, output: end.output });
    } else if (inv.call.f !== 'get') {
      ops.push({ id, client: inv.client, key: inv.key, call: inv.call, invoke: inv.time, ret: Infinity, output: null });
    }
  }
  return ops.sort((a, b) => a.invoke - b.invoke || a.id - b.id);
}

/** One line per operation, for reports. */
export function describeOperation(o: Operation): string {
  const c = o.call;
  const args =
    c.f === 'get' || c.f === 'del' ? '' : c.f === 'put' ? JSON.stringify(c.value) : `${JSON.stringify(c.expected)} -> ${JSON.stringify(c.value)}`;
  const out =
    o.output === null
      ? 'unknown'
      : 'found' in o.output
        ? o.output.found
          ? JSON.stringify(o.output.value)
          : 'not found'
        : o.output.applied
          ? 'ok'
          : o.output.reason;
  const ret = o.ret === Infinity ? '∞' : o.ret.toFixed(1);
  return `[${o.invoke.toFixed(1)}, ${ret}] ${o.client} ${c.f}(${o.key}${args === '' ? '' : `, ${args}`}) => ${out}`;
}
