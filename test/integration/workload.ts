// A concurrent client workload against a real cluster that records a history for the
// linearizability checker: each client runs one operation at a time (get, put, cas on a few keys),
// retrying an attempt with an unknown outcome on a random node with the same session seq. An
// operation whose every attempt certainly failed (503, no connection) is recorded failed, not unknown.
import { Agent } from 'node:http';
import { httpRequest, surelyNotSent } from '../../src/runtime/client.ts';
import { HistoryRecorder } from '../../src/runtime/lin/history.ts';
import type { KvCall, KvOutput } from '../../src/runtime/lin/history.ts';
import type { Cluster } from './harness.ts';
import { sleep } from './harness.ts';

export interface WorkloadOptions {
  readonly clients: number;
  readonly keys: number;
  readonly ms: number;
  readonly seed: number;
  /** How long one operation may retry before it is recorded as unknown (default 4000 ms). */
  readonly deadlineMs?: number;
  /**
   * Availability, not speed: after `ms` the clients go on until more than `okAbove` operations completed
   * ok, for at most `maxMs` from the start (a loaded host serves fewer operations per second).
   */
  readonly okAbove?: number;
  readonly maxMs?: number;
  /** Stops earlier once `done` is set (a run whose length is not known in advance). */
  readonly until?: { readonly done: boolean };
}

/** A small deterministic generator (the seed is printed by a failing test). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

function toOutput(call: KvCall, code: number, body: Record<string, unknown>): KvOutput | null {
  if (call.f === 'get') return code === 200 ? { found: true, value: body['value'] } : code === 404 ? { found: false } : null;
  if (code === 200) return { applied: true };
  if (code === 404 && (call.f === 'cas' || call.f === 'del')) return { applied: false, reason: 'not-found' };
  if (code === 409 && call.f === 'cas' && body['error'] === 'precondition-failed') return { applied: false, reason: 'precondition' };
  return null;
}

/** Runs one operation with retries; records invoke and its completion. */
export async function operate(c: Cluster, h: HistoryRecorder, agent: Agent, client: string, seq: number, key: string, call: KvCall, pick: () => string, deadlineMs = 4000): Promise<void> {
  const id = h.invoke(client, key, call);
  const path = `/kv/${key}${call.f === 'cas' ? `?expected=${encodeURIComponent(String(call.expected))}` : ''}`;
  const method = call.f === 'get' ? 'GET' : call.f === 'del' ? 'DELETE' : 'PUT';
  const body = call.f === 'put' || call.f === 'cas' ? String(call.value) : null;
  const headers = { authorization: `Bearer ${c.token}`, 'x-client-id': client, 'x-seq': String(seq) };
  const end = performance.now() + deadlineMs;
  // Why the last attempt of unknown outcome was so (recorded with the unknown operation).
  let ambiguous: string | null = null;
  while (performance.now() < end) {
    try {
      const r = await httpRequest(`${c.url(pick())}${path}`, method, body, headers, 1000, agent);
      const out = toOutput(call, r.code, r.body);
      if (out !== null) return h.ok(id, out);
      // 503: certainly not applied; 502/504 and anything unexpected: the outcome is unknown.
      if (r.code !== 503) ambiguous = `HTTP ${r.code} ${String(r.body['error'])}`;
    } catch (e) {
      // No connection made: certain; a timeout or reset after connecting: unknown.
      if (!surelyNotSent(e)) ambiguous = (e as Error).message;
    }
    await sleep(50);
  }
  if (ambiguous !== null) h.unknown(id, ambiguous);
  else h.fail(id, 'no node took it');
}

/** Runs the workload for `ms`; returns the recorder. */
export async function workload(c: Cluster, o: WorkloadOptions, h = new HistoryRecorder()): Promise<HistoryRecorder> {
  const rnd = rng(o.seed);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const start = performance.now();
  const stop = start + o.ms;
  const cap = start + Math.max(o.ms, o.maxMs ?? o.ms);
  const oks = () => h.events.filter((e) => e.type === 'ok').length;
  const going = () => performance.now() < stop || (oks() <= (o.okAbove ?? -1) && performance.now() < cap);
  const live = () => c.ids.filter((id) => c.procs.has(id));
  const pick = () => {
    const ids = live();
    return ids[Math.floor(rnd() * ids.length)] ?? (c.ids[0] as string);
  };
  await Promise.all(
    Array.from({ length: o.clients }, async (_, k) => {
      const client = `w${k}-${o.seed}`;
      let seq = 0;
      while (going() && o.until?.done !== true) {
        const key = `k${Math.floor(rnd() * o.keys)}`;
        const r = rnd();
        const v = String(Math.floor(rnd() * 5));
        const call: KvCall = r < 0.4 ? { f: 'get' } : r < 0.7 ? { f: 'put', value: v } : { f: 'cas', expected: String(Math.floor(rnd() * 5)), value: v };
        await operate(c, h, agent, client, ++seq, key, call, pick, o.deadlineMs);
      }
    }),
  );
  agent.destroy();
  return h;
}

/** Final reads of every key, after the nemesis healed, so that lost writes show up. */
export async function finalReads(c: Cluster, h: HistoryRecorder, keys: number): Promise<void> {
  const agent = new Agent({ keepAlive: true });
  let seq = 0;
  for (let k = 0; k < keys; k += 1) {
    await operate(c, h, agent, 'final', ++seq, `k${k}`, { f: 'get' }, () => c.ids.find((id) => c.procs.has(id)) as string, 10_000);
  }
  agent.destroy();
}
