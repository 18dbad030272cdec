// A small Maelstrom driver of ours: three `maelstrom` processes whose stdout lines are routed to the
// addressed node's stdin (like Maelstrom's network), the init handshake, then lin-kv requests from
// clients with the replies and error codes Maelstrom expects; a concurrent part is checked linearizable.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { checkLinearizable } from '../../src/runtime/lin/check.ts';
import { HistoryRecorder, operations } from '../../src/runtime/lin/history.ts';
import type { KvCall } from '../../src/runtime/lin/history.ts';
import { ERR, replyBody } from '../../src/runtime/maelstrom.ts';
import { BIN, sleep } from './harness.ts';

type Msg = { src: string; dest: string; body: Record<string, unknown> };

class Net {
  readonly procs = new Map<string, ChildProcessWithoutNullStreams>();
  private readonly waiting = new Map<string, (m: Msg) => void>();
  private nextId = 1;
  readonly stderr: string[] = [];
  peerMessages = 0;
  private stopped = false;

  start(ids: string[]): void {
    for (const id of ids) {
      const p = spawn(process.execPath, [BIN, 'maelstrom'], { stdio: 'pipe' });
      this.procs.set(id, p);
      p.stderr.on('data', (d: Buffer) => this.stderr.push(d.toString()));
      // A node killed at teardown may still be sent a line routed from another: note it, do not crash.
      p.stdin.on('error', (e) => this.stderr.push(`stdin of ${id}: ${e.message}`));
      createInterface({ input: p.stdout }).on('line', (line) => {
        const m = JSON.parse(line) as Msg;
        expect(m.src).toBe(id);
        if (this.stopped) return;
        const to = this.procs.get(m.dest);
        if (to !== undefined) {
          this.peerMessages += 1;
          to.stdin.write(`${line}\n`);
        } else {
          const k = `${m.dest}/${String(m.body['in_reply_to'])}`;
          this.waiting.get(k)?.(m);
          this.waiting.delete(k);
        }
      });
    }
  }

  /** A client request; resolves with the reply body (or null after `ms`). */
  request(client: string, dest: string, body: Record<string, unknown>, ms = 5000): Promise<Record<string, unknown> | null> {
    const msgId = this.nextId++;
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiting.delete(`${client}/${msgId}`);
        resolve(null);
      }, ms);
      this.waiting.set(`${client}/${msgId}`, (m) => {
        clearTimeout(t);
        resolve(m.body);
      });
      this.procs.get(dest)?.stdin.write(`${JSON.stringify({ src: client, dest, body: { ...body, msg_id: msgId } })}\n`);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const p of this.procs.values()) p.kill('SIGKILL');
  }
}

let net: Net | null = null;
afterEach(() => {
  net?.stop();
  net = null;
});

describe('maelstrom mode (lin-kv)', () => {
  it('answers init, read/write/cas with lin-kv replies and error codes, from any node', async () => {
    const n = (net = new Net());
    const ids = ['n1', 'n2', 'n3'];
    n.start(ids);
    for (const id of ids) {
      expect(await n.request('c0', id, { type: 'init', node_id: id, node_ids: ids }, 20_000)).toMatchObject({ type: 'init_ok' });
    }
    // Until a leader is elected, requests may fail with 11 (temporarily unavailable).
    let w: Record<string, unknown> | null = null;
    for (let k = 0; k < 50 && w?.['type'] !== 'write_ok'; k += 1) {
      w = await n.request('c1', 'n1', { type: 'write', key: 1, value: 10 });
      if (w?.['type'] !== 'write_ok') {
        expect(w).toMatchObject({ type: 'error', code: 11 });
        await sleep(100);
      }
    }
    expect(w).toMatchObject({ type: 'write_ok' });
    for (const id of ids) expect(await n.request('c1', id, { type: 'read', key: 1 })).toMatchObject({ type: 'read_ok', value: 10 });
    expect(await n.request('c1', 'n2', { type: 'read', key: 99 })).toMatchObject({ type: 'error', code: 20 });
    expect(await n.request('c1', 'n3', { type: 'cas', key: 1, from: 11, to: 12 })).toMatchObject({ type: 'error', code: 22 });
    expect(await n.request('c1', 'n3', { type: 'cas', key: 99, from: 1, to: 2 })).toMatchObject({ type: 'error', code: 20 });
    expect(await n.request('c1', 'n2', { type: 'cas', key: 1, from: 10, to: 12 })).toMatchObject({ type: 'cas_ok' });
    expect(await n.request('c1', 'n1', { type: 'read', key: 1 })).toMatchObject({ type: 'read_ok', value: 12 });
    expect(n.peerMessages).toBeGreaterThan(0);

    // Concurrent clients on two keys, one request at a time each, checked linearizable.
    const h = new HistoryRecorder();
    const end = performance.now() + 2000;
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    await Promise.all(
      ['c2', 'c3', 'c4', 'c5'].map(async (c) => {
        while (performance.now() < end) {
          const key = 100 + Math.floor(rnd() * 2);
          const r = rnd();
          const v = Math.floor(rnd() * 4);
          const call: KvCall = r < 0.4 ? { f: 'get' } : r < 0.7 ? { f: 'put', value: v } : { f: 'cas', expected: Math.floor(rnd() * 4), value: v };
          const body = call.f === 'get' ? { type: 'read', key } : call.f === 'put' ? { type: 'write', key, value: v } : { type: 'cas', key, from: call.f === 'cas' ? call.expected : 0, to: v };
          const id = h.invoke(c, String(key), call);
          const rep = await n.request(c, ids[Math.floor(rnd() * 3)] as string, body, 3000);
          const t = rep?.['type'];
          const code = rep?.['code'];
          if (t === 'read_ok') h.ok(id, { found: true, value: rep?.['value'] });
          else if (t === 'write_ok' || t === 'cas_ok') h.ok(id, { applied: true });
          else if (code === 20) h.ok(id, call.f === 'get' ? { found: false } : { applied: false, reason: 'not-found' });
          else if (code === 22) h.ok(id, { applied: false, reason: 'precondition' });
          else if (code === 11) h.fail(id);
          else h.unknown(id);
        }
      }),
    );
    const ops = operations(h.events);
    expect(ops.length).toBeGreaterThan(20);
    const res = checkLinearizable(ops);
    expect(res.ok, 'report' in res ? res.report : '').toBe(true);
  }, 40_000);

  it('answers error 10 (not supported) to an unknown request type, before and after init, and to peer types from a client', async () => {
    const n = (net = new Net());
    n.start(['n1']);
    expect(await n.request('c1', 'n1', { type: 'echo', echo: 'hi' }, 20_000)).toMatchObject({ type: 'error', code: ERR.notSupported });
    expect(await n.request('c1', 'n1', { type: 'read', key: 1 })).toMatchObject({ type: 'error', code: ERR.temporarilyUnavailable });
    expect(await n.request('c0', 'n1', { type: 'init', node_id: 'n1', node_ids: ['n1'] })).toMatchObject({ type: 'init_ok' });
    expect(await n.request('c1', 'n1', { type: 'echo', echo: 'hi' })).toMatchObject({ type: 'error', code: 10 });
    expect(await n.request('c1', 'n1', { type: 'topology', topology: {} })).toMatchObject({ type: 'error', code: 10 });
    // Raft's own message types and the forwarding envelope are accepted only from cluster nodes.
    expect(await n.request('c1', 'n1', { type: 'RequestVoteRequest', term: 99, source: 'c1', dest: 'n1' })).toMatchObject({ type: 'error', code: 10 });
    expect(await n.request('c1', 'n1', { type: 'forward', client: 'c1', req: { type: 'write', key: 1, value: 1 } })).toMatchObject({ type: 'error', code: 10 });
    expect(await n.request('c1', 'n1', { type: 'write', value: 1 })).toMatchObject({ type: 'error', code: ERR.malformedRequest });
    let w: Record<string, unknown> | null = null;
    for (let k = 0; k < 50 && w?.['type'] !== 'write_ok'; k += 1) {
      w = await n.request('c1', 'n1', { type: 'write', key: 1, value: 10 });
      if (w?.['type'] !== 'write_ok') await sleep(100);
    }
    expect(w).toMatchObject({ type: 'write_ok' });
  }, 30_000);

  it('maps outcomes to Maelstrom codes: 0 timeout, 11 not applied, 14 abort for a stale or reused msg_id', () => {
    const put = { op: 'put', key: 'k', value: 1 } as const;
    expect(replyBody(put, { kind: 'timeout' })).toMatchObject({ code: 0 });
    expect(replyBody(put, { kind: 'failed', reason: 'not-leader', leader: null })).toMatchObject({ code: 11 });
    expect(replyBody(put, { kind: 'done', result: { ok: false, error: 'stale' } })).toMatchObject({ code: 14 });
    expect(replyBody(put, { kind: 'done', result: { ok: false, error: 'seq-reused' } })).toMatchObject({ code: 14 });
    expect(replyBody(put, { kind: 'done', result: { ok: false, error: 'malformed' } })).toMatchObject({ code: 12 });
    expect(replyBody(put, { kind: 'done', result: { ok: false, error: 'not-found' } })).toMatchObject({ code: 20 });
  });
});
