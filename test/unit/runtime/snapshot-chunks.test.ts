// A snapshot message in chunks of bounded size (src/runtime/snapshot-chunks.ts): joined in order and
// checked by the protocol's schema; a lost chunk loses the message; each peer gets its own message.
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
  it('splits into frames of bounded size and joins them back, checked by the schema', () => {
    const { wire, got, sender, receiver } = pair();
    sender.send(msg('s2'), 'snap/1/10');
    expect(wire.length).toBeGreaterThan(10);
    for (const c of wire) expect(Buffer.from(c.data, 'base64').length).toBeLessThanOrEqual(1000);
    for (const c of wire) expect(validate(withChunks(schema), c)).toBeNull();
    const r = receiver('s2');
    for (const c of wire) r.receive(c);
    expect(got.get('s2')).toEqual([msg('s2')]);
  });

  it('each peer gets the message addressed to it, also when the encoding is reused', () => {
    const { wire, got, sender, receiver } = pair();
    sender.send(msg('s2'), 'snap/1/10');
    sender.send(msg('s3'), 'snap/1/10');
    const r2 = receiver('s2');
    const r3 = receiver('s3');
    for (const c of wire) (c.dest === 's2' ? r2 : r3).receive(c);
    expect(got.get('s2')).toEqual([msg('s2')]);
    expect(got.get('s3')).toEqual([msg('s3')]);
  });

  it('a lost chunk loses the message; the next copy is joined whole', () => {
    const { wire, got, sender, receiver } = pair();
    sender.send(msg('s2'), 'snap/1/10');
    const first = wire.splice(0);
    sender.send(msg('s2'), 'snap/1/10');
    const r = receiver('s2');
    first.filter((_, k) => k !== 3).forEach((c) => r.receive(c));
    expect(got.get('s2')).toBeUndefined();
    for (const c of wire) r.receive(c);
    expect(got.get('s2')).toEqual([msg('s2')]);
  });

  it('the same snapshot is not sent to the same peer again within repeatMs', () => {
    const { wire, sender } = pair(60_000);
    sender.send(msg('s2'), 'snap/1/10');
    const n = wire.length;
    sender.send(msg('s2'), 'snap/1/10');
    expect(wire.length).toBe(n);
    sender.send(msg('s2'), 'snap/2/10');
    expect(wire.length).toBe(2 * n);
  });

  it('a joined message that fails the schema, or a malformed chunk, is refused', () => {
    const { got, logs, receiver } = pair();
    const r = receiver('s2');
    const bad = Buffer.from(JSON.stringify({ type: 'Other', source: 's1', dest: 's2' })).toString('base64');
    r.receive({ type: 'SnapshotChunk', id: 'x', k: 0, n: 1, data: bad, source: 's1', dest: 's2' });
    expect(got.size).toBe(0);
    expect(logs[0]).toMatch(/dropped a chunked message from s1: invalid message: type: expected one of Snap/);
    expect(validate(withChunks(schema), { type: 'SnapshotChunk', id: 'x', k: 2, n: 1, data: '', source: 's1', dest: 's2' })).toBe('chunk: malformed');
    expect(isChunk(msg('s2'))).toBe(false);
  });
});
