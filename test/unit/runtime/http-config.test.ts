// The HTTP limits in cluster.json: `maxValueBytes` (default 1 MiB, must fit in a peer frame) and
// `bodyTimeoutMs` (default 5000).
import { describe, expect, it } from 'vitest';
import { parseClusterConfig } from '../../../src/runtime/config.ts';

const nodes = { s1: { peerPort: 7001, httpPort: 8001 } };
const secret = 'sixteen-chars-ok';

describe('cluster.json HTTP limits', () => {
  it('defaults to 1 MiB values and a 5 s body timeout, and takes other values', () => {
    expect(parseClusterConfig({ nodes, secret }, '/x')).toMatchObject({ maxValueBytes: 1024 * 1024, bodyTimeoutMs: 5000 });
    expect(parseClusterConfig({ nodes, secret, maxValueBytes: 100, bodyTimeoutMs: 50 }, '/x')).toMatchObject({ maxValueBytes: 100, bodyTimeoutMs: 50 });
  });

  it.each([
    [{ maxValueBytes: 0 }, /'maxValueBytes' must be an integer >= 1/],
    [{ maxValueBytes: '1MB' }, /'maxValueBytes' must be an integer >= 1/],
    [{ maxValueBytes: 16 * 1024 * 1024 }, /'maxValueBytes' \(16777216\) must be at least 64 KiB below 'maxFrameBytes' \(16777216\)/],
    [{ bodyTimeoutMs: 1 }, /'bodyTimeoutMs' must be an integer >= 10/],
  ])('refuses %j', (extra, msg) => {
    expect(() => parseClusterConfig({ nodes, secret, ...extra }, '/x')).toThrow(msg);
  });
});
