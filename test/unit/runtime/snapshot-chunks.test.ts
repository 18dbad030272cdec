// A snapshot message in chunks of bounded size (src/runtime/snapshot-chunks.ts): joined in order and
// checked by the protocol's schema; a lost chunk loses the message until a resend, which resumes it;
// each peer gets its own message; the sender yields to the event loop while it encodes.
import { describe, expect, it } from 'vitest';
import { Chunker, isChunk, withChunks } from '../../../src/runtime/snapshot-chunks.ts';
import type { Chunk } from '../../../src/runtime/snapshot-chunks.ts';
import { arr, json, obj, str, validate } from '../../../src/runtime/transport/schema.ts';

type M = { type: string; state: unknown[]; source: string; dest: string };
const schema = obj({ type: str('Snap'), state: arr(json), source: str(), dest: str() });
const msg = (dest: string): M => ({ type: 'Snap', state: [{ kv: Array.from({ length: 500 }, (_, k) => [`k${k}`, 'v'.repeat(20)]) }], source: 's1', dest });

function pair(repeatMs = 0) {
  const wire: Chunk[] = [];
  const got = new Map<string, M[]>();
  const logs: string[] = [];
  const sender = new Chunker<M>({ self: 's1', chunkBytes: 1000, schema, send: (c) => wire.push(c as Chunk), deliver: () => {}, log: () => {}, repeatMs });
  const receiver = (self: string) =>
    new Chunker<M>({ self, chunkBytes: 1000, schema, send: () => {}, deliver: (m) => got.set(self, [...(got.get(self) ?? []), m]), log: (l) => logs.push(l), repeatMs });
  return { wire, got, logs, sender, receiver };
}

describe('Chunker', () => {
  it('splits into frames of bounded size and joins them back, checked by the schema', async () => {
    const { wire, got, sender, receiver } = pair();
    await sender.send(msg('s2'), 'snap/1/10');
    expect(wire.length).toBeGreaterThan(10);
    for (const c of wire) expect(Buffer.from(c.data, 'base64').length).toBeLessThanOrEqual(1000);
    for (const c of wire) expect(validate(withChunks(schema), c)).toBeNull();
    const r = receiver('s2');
    for (const c of wire) r.receive(c);
    expect(got.get('s2')).toEqual([msg('s2')]);
  });

  it('each peer gets the message addressed to it, also when the encoding is reused', async () => {
    const { wire, got, sender, receiver } = pair();
    await sender.send(msg('s2'), 'snap/1/10');
    await sender.send(msg('s3'), 'snap/1/10');
    const r2 = receiver('s2');
    const r3 = receiver('s3');
    for (const c of wire) (c.dest === 's2' ? r2 : r3).receive(c);
    expect(got.get('s2')).toEqual([msg('s2')]);
    expect(got.get('s3')).toEqual([msg('s3')]);
  });

  it('a lost chunk loses the message; the next copy is joined whole', async () => {
    const { wire, got, sender, receiver } = pair();
    await sender.send(msg('s2'), 'snap/1/10');
    const first = wire.splice(0);
    await sender.send(msg('s2'), 'snap/1/10');
    const r = receiver('s2');
    first.filter((_, k) => k !== 3).forEach((c) => r.receive(c));
    expect(got.get('s2')).toBeUndefined();
    for (const c of wire) r.receive(c);
    expect(got.get('s2')).toEqual([msg('s2')]);
  });

  it('the same snapshot is not sent to the same peer again within repeatMs', async () => {
    const { wire, sender } = pair(60_000);
    await sender.send(msg('s2'), 'snap/1/10');
    const n = wire.length;
    await sender.send(msg('s2'), 'snap/1/10');
    expect(wire.length).toBe(n);
    await sender.send(msg('s2'), 'snap/2/10');
    expect(wire.length).toBe(2 * n);
  });

  it('a joined message that fails the schema, or a malformed chunk, is refused', () => {
    const { got, logs, receiver } = pair();
    const r = receiver('s2');
    const bad = Buffer.from(JSON.stringify({ type: 'Other', source: 's1', dest: 's2' })).toString('base64');
    r.receive({ type: 'SnapshotChunk', id: 'x', k: 0, done: true, seg: null, cut: true, data: bad, source: 's1', dest: 's2' });
    expect(got.size).toBe(0);
    expect(logs[0]).toMatch(/dropped a chunked message from s1: invalid message: type: expected one of Snap/);
    expect(validate(withChunks(schema), { type: 'SnapshotChunk', id: 'x', k: -1, done: true, seg: null, cut: true, data: '', source: 's1', dest: 's2' })).toBe('chunk: malformed');
    expect(validate(withChunks(schema), { type: 'SnapshotChunk', id: 'x', k: 0, done: 1, seg: null, cut: true, data: '', source: 's1', dest: 's2' })).toBe('chunk: malformed');
    expect(validate(withChunks(schema), { type: 'SnapshotChunk', id: 'x', k: 0, done: true, seg: -1, cut: true, data: '', source: 's1', dest: 's2' })).toBe('chunk: malformed');
    expect(validate(withChunks(schema), { type: 'SnapshotChunk', id: 'x', k: 0, n: 1, data: '', source: 's1', dest: 's2' })).toMatch(/^chunk: fields data,dest,id,k,n,source,type, expected cut, data/);
    expect(isChunk(msg('s2'))).toBe(false);
  });

  it('a resend resumes: chunks the receiver holds are skipped, a copy it joined is delivered again undecoded', async () => {
    const { wire, got, sender, receiver } = pair();
    await sender.send(msg('s2'), 'snap/1/10');
    const first = wire.splice(0);
    const n = first.length;
    await sender.send(msg('s2'), 'snap/1/10');
    expect(wire.map((c) => c.id)).toEqual(first.map((c) => c.id));
    const r = receiver('s2');
    first.slice(0, 3).forEach((c) => r.receive(c));
    first.slice(4).forEach((c) => r.receive(c)); // chunk 3 lost: the ones after it wait for the resend
    expect(got.get('s2')).toBeUndefined();
    for (const c of wire) r.receive(c);
    expect(got.get('s2')).toEqual([msg('s2')]);
    expect(r.stats.decoded).toBe(n); // 0-2 from the first copy, 3.. from the resend: none twice
    for (const c of wire) r.receive(c);
    expect(got.get('s2')).toEqual([msg('s2'), msg('s2')]);
    expect(r.stats.decoded).toBe(n);
  });

  it('a restarted sender uses new message ids, so a part of an older message is not joined with it', async () => {
    const { got, receiver } = pair();
    const r = receiver('s2');
    const wire: Chunk[] = [];
    const sender = () => new Chunker<M>({ self: 's1', chunkBytes: 1000, schema, send: (c) => wire.push(c as Chunk), deliver: () => {}, log: () => {}, repeatMs: 0 });
    await sender().send(msg('s2'), 'snap/1/10');
    wire.splice(0).slice(0, 3).forEach((c) => r.receive(c));
    const other: M = { ...msg('s2'), state: [{ kv: [['other', 1]] }, ...msg('s2').state] };
    await sender().send(other, 'snap/2/20');
    for (const c of wire) r.receive(c);
    expect(got.get('s2')).toEqual([other]);
  });

  it('encodes a large message in slices: the event loop turns between its first and its last chunk', async () => {
    const big: M = { type: 'Snap', state: [{ kv: Array.from({ length: 100_000 }, (_, k) => [`key-${k}`, 'v'.repeat(16)]) }], source: 's1', dest: 's2' };
    const wire: Chunk[] = [];
    const turns: number[] = [];
    let ticking = true;
    const tick = () => {
      turns.push(wire.length);
      if (ticking) setImmediate(tick);
    };
    const sender = new Chunker<M>({ self: 's1', chunkBytes: 256 * 1024, schema, send: (c) => wire.push(c as Chunk), deliver: () => {}, log: () => {}, repeatMs: 0 });
    setImmediate(tick);
    await sender.send(big, 'snap/1/10');
    ticking = false;
    expect(wire.length).toBeGreaterThan(4);
    expect(turns.some((sent) => sent >= 1 && sent < wire.length)).toBe(true);
    const delivered: M[] = [];
    const r = new Chunker<M>({ self: 's2', chunkBytes: 256 * 1024, schema, send: () => {}, deliver: (m) => delivered.push(m), log: () => {}, repeatMs: 0 });
    for (const c of wire) r.receive(c);
    expect(delivered.map((m) => JSON.stringify(m))).toEqual([JSON.stringify(big)]);
  });

  it('a message that cannot be encoded is lost with a log line, not an unhandled rejection', async () => {
    const logs: string[] = [];
    const sender = new Chunker<M>({ self: 's1', chunkBytes: 1000, schema, send: () => {}, deliver: () => {}, log: (l) => logs.push(l), repeatMs: 0 });
    await sender.send({ ...msg('s2'), state: [{ n: 1n }] }, 'snap/1/10');
    expect(logs.at(-1)).toMatch(/^snapshot: sending a chunked message to s2 failed: .*BigInt/);
  });

  it("parses a large array's items as their chunks arrive; a run larger than a chunk is joined across chunks", async () => {
    const kv = Array.from({ length: 20_000 }, (_, k) => [`key-${k}`, k === 7 ? 'x'.repeat(5000) : 'v'.repeat(16)]);
    const m: M = { type: 'Snap', state: [{ kv, sessions: [] }], source: 's1', dest: 's2' };
    const wire: Chunk[] = [];
    await new Chunker<M>({ self: 's1', chunkBytes: 2000, schema, send: (c) => wire.push(c as Chunk), deliver: () => {}, log: () => {}, repeatMs: 0 }).send(m, 'snap/1/1');
    expect(wire.some((c) => c.seg === 0 && !c.cut)).toBe(true); // the 5 KB item spans chunks
    const delivered: M[] = [];
    const r = new Chunker<M>({ self: 's2', chunkBytes: 2000, schema, send: () => {}, deliver: (x) => delivered.push(x), log: () => {}, repeatMs: 0 });
    wire.slice(0, -1).forEach((c) => r.receive(c));
    expect(r.stats.items).toBe(20_000);
    expect(delivered).toEqual([]);
    r.receive(wire.at(-1) as Chunk);
    expect(delivered.map((x) => JSON.stringify(x))).toEqual([JSON.stringify(m)]);
  });

  it('a run of items that is not JSON, or items that do not match the marks, drop the message', async () => {
    const { wire, got, logs, sender, receiver } = pair();
    await sender.send(msg('s2'), 'snap/1/10');
    const r = receiver('s2');
    const bad = wire.map((c) => (c.seg === 0 && c.cut ? { ...c, data: Buffer.from('[1,').toString('base64') } : c));
    bad.forEach((c) => r.receive(c));
    expect(logs.at(-1)).toBe('transport: dropped a chunked message from s1: not valid JSON');
    const other = receiver('s2');
    wire.filter((c) => c.seg === null).forEach((c, k) => other.receive({ ...c, k }));
    expect(logs.at(-1)).toBe('transport: dropped a chunked message from s1: its items do not match its marks');
    expect(got.size).toBe(0);
  });

  it('tells of progress when a chunk arrives and again once its items are parsed (the election timer restarts after the parse)', async () => {
    const { wire, sender } = pair();
    await sender.send(msg('s2'), 'snap/1/10');
    const seen: string[] = [];
    const r = new Chunker<M>({ self: 's2', chunkBytes: 1000, schema, send: () => {}, deliver: () => seen.push('deliver'), log: () => {}, progress: (j) => seen.push(j), repeatMs: 0 });
    for (const c of wire) r.receive(c);
    const parsed = wire.filter((c) => c.seg !== null && c.cut).length;
    expect(parsed).toBeGreaterThan(0);
    expect(seen).toEqual([...Array.from({ length: wire.length + parsed }, () => 's1'), 'deliver']);
  });
});
