import { describe, expect, it } from 'vitest';
import { parseClusterConfig } from '../../../src/runtime/config.ts';

const nodes = { s1: { peerPort: 7001, httpPort: 8001 }, s2: { host: '127.0.0.1', peerPort: 7002, httpPort: 8002 } };
const secret = 'sixteen-chars-ok';

describe('parseClusterConfig', () => {
  it('fills defaults and resolves dataDir against the config directory', () => {
    const c = parseClusterConfig({ nodes, secret }, '/etc/cc');
    expect(c).toMatchObject({
      nodes: { s1: { host: '127.0.0.1', peerPort: 7001, httpPort: 8001 } },
      token: null,
      dataDir: '/etc/cc/data',
      electionMs: [300, 600],
      heartbeatMs: 50,
      fsync: true,
    });
    // The first configuration's voters: every node unless cluster.json names them (a seed only).
    expect(c.voters).toEqual(['s1', 's2']);
    expect(parseClusterConfig({ nodes, secret, voters: ['s2'] }, '/etc/cc').voters).toEqual(['s2']);
  });

  it.each([
    [{ nodes: {}, secret }, /'nodes' must be an object/],
    [{ nodes: { '1x': nodes.s1 }, secret }, /bad node id '1x'/],
    [{ nodes: { ...nodes, s2: { peerPort: 7001, httpPort: 9 } }, secret }, /duplicate port 7001 on 127\.0\.0\.1 \(node s1 peerPort and node s2 peerPort\)/],
    [{ nodes: { s1: { peerPort: 70000, httpPort: 1 } }, secret }, /node s1: peerPort must be a port number from 1 to 65535, got 70000/],
    [{ nodes, secret: 'short' }, /'secret' must be a string of at least 16 characters/],
    [{ nodes, secret, token: '' }, /'token' must be a non-empty string or absent/],
    [{ nodes, secret, electionMs: [500, 100] }, /'electionMs' must be \[min, max\]/],
    [{ nodes, secret, heartbeatMs: 400 }, /'heartbeatMs' \(400\) must be below the election timeout \(300\)/],
    [{ nodes, secret, fsync: 'yes' }, /'fsync' must be true or false/],
    [{ nodes, secret, extra: 1 }, /unknown field 'extra'/],
    [{ nodes, secret, voters: ['s3'] }, /'voters' must list distinct node ids of 'nodes' \(the first configuration\), got \["s3"\]/],
    [{ nodes, secret, voters: [] }, /'voters' must list distinct node ids of 'nodes'/],
    [{ nodes, secret, voters: ['s1', 's1'] }, /'voters' must list distinct node ids of 'nodes'/],
    [[], /expected a JSON object/],
  ])('refuses %j with one clear line', (x, message) => {
    expect(() => parseClusterConfig(x, '/tmp')).toThrow(message);
  });
});
