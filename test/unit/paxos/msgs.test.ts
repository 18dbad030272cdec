import { describe, expect, it } from 'vitest';
import { send, sent } from '../../../src/paxos/msgs.ts';
import type { Message } from '../../../src/paxos/index.ts';
import { m1a, m1b, m2a, m2b } from './build.ts';

describe('msgs (a set as a sorted array)', () => {
  it('keeps one order whatever the order of sending, so equal sets are equal arrays', () => {
    const ms: Message[] = [m2b('a2', 0, 'v1'), m1a(1), m1b('a1', 1, 0, 'v1'), m2a(0, 'v1'), m1a(0), m1b('a1', 1)];
    const forward = ms.reduce(send, [] as readonly Message[]);
    const backward = ms.toReversed().reduce(send, [] as readonly Message[]);
    expect(forward).toEqual(backward);
    expect(forward).toEqual([m1a(0), m1a(1), m1b('a1', 1), m1b('a1', 1, 0, 'v1'), m2a(0, 'v1'), m2b('a2', 0, 'v1')]);
  });

  it('Send of a message already in msgs returns the same array', () => {
    const ms = send(send([], m1a(0)), m2a(0, 'v1'));
    expect(send(ms, { type: '2a', bal: 0, val: 'v1' })).toBe(ms);
  });

  it('m \\in msgs compares by value', () => {
    const ms = send([], m1b('a1', 1, 0, 'v1'));
    expect(sent(ms, m1b('a1', 1, 0, 'v1'))).toBe(true);
    expect(sent(ms, m1b('a1', 1, 0, 'v2'))).toBe(false);
    expect(sent(ms, m1b('a1', 1))).toBe(false);
  });
});
