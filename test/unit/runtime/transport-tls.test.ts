// The `tls` section of cluster.json, the checks on its files, and the peer transport over TLS:
// certificates made here with openssl (a CA, a node certificate for 127.0.0.1, and a second CA).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseClusterConfig } from '../../../src/runtime/config.ts';
import { int, obj, str, tagged } from '../../../src/runtime/transport/schema.ts';
import { Transport } from '../../../src/runtime/transport/tcp.ts';
import { freePort, until } from './net-helpers.ts';
import type { Envelope } from '../../../src/runtime/transport/tcp.ts';
import { loadCa, loadTls } from '../../../src/runtime/transport/tls.ts';
import type { TlsMaterial } from '../../../src/runtime/transport/tls.ts';

let pki = '';
const file = (name: string) => join(pki, name);
function makeCert(name: string, ca?: string): void {
  const node = ca === undefined ? [] : ['-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:FALSE', '-CA', file(`${ca}.pem`), '-CAkey', file(`${ca}.key`)];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`), '-subj', `/CN=${name}`, ...node], { stdio: 'ignore' });
}
beforeAll(() => {
  pki = mkdtempSync(join(tmpdir(), 'cc-pki-'));
  makeCert('ca');
  makeCert('node', 'ca');
  makeCert('other-ca');
  makeCert('stranger', 'other-ca');
  writeFileSync(file('garbage'), 'not pem\n');
});
afterAll(() => rmSync(pki, { recursive: true, force: true }));

const nodes = { s1: { peerPort: 7001, httpPort: 8001 } };
const secret = 'sixteen-chars-ok';

describe('the tls section of cluster.json', () => {
  it('is absent by default, and resolves relative paths against the config directory', () => {
    expect(parseClusterConfig({ nodes, secret }, '/etc/cc').tls).toBeNull();
    expect(parseClusterConfig({ nodes, secret, tls: { cert: 'n.pem', key: '/k/n.key', ca: 'pki/ca.pem' } }, '/etc/cc').tls).toEqual({
      cert: '/etc/cc/n.pem',
      key: '/k/n.key',
      ca: '/etc/cc/pki/ca.pem',
    });
  });

  it.each([
    [{ cert: 'a', key: 'b' }, /'tls\.ca' is missing or not a path/],
    [{ cert: 'a', key: '', ca: 'c' }, /'tls\.key' is missing or not a path/],
    [{ cert: 'a', key: 'b', ca: 'c', verify: false }, /unknown field 'tls\.verify' \(expected: cert, key, ca\)/],
    ['yes', /'tls' must be \{ "cert": file, "key": file, "ca": file \}/],
  ])('refuses tls %j with one clear line', (tls, message) => {
    expect(() => parseClusterConfig({ nodes, secret, tls }, '/tmp')).toThrow(message);
  });

  it('loads matching files, and names the bad file otherwise', () => {
    const ok = { cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') };
    expect(loadTls(ok).cert.toString()).toMatch(/BEGIN CERTIFICATE/);
    expect(() => loadTls({ ...ok, cert: file('nope.pem') })).toThrow(`cannot read TLS cert file ${file('nope.pem')}: ENOENT`);
    expect(() => loadTls({ ...ok, key: file('garbage') })).toThrow(`TLS key file ${file('garbage')} is not a usable private key`);
    expect(() => loadTls({ ...ok, key: file('stranger.key') })).toThrow(`TLS key file ${file('stranger.key')} does not fit cert file ${file('node.pem')}`);
    expect(() => loadTls({ ...ok, ca: file('garbage') })).toThrow(`TLS ca file ${file('garbage')} is not a PEM certificate`);
    expect(() => loadCa(file('nope.pem'))).toThrow(`cannot read TLS ca file ${file('nope.pem')}: ENOENT`);
  });
});

type Msg = Envelope & { type: 'Ping'; n: number };
const schema = tagged('type', { Ping: obj({ type: str('Ping'), source: str(), dest: str(), n: int() }) });
const started: Transport<Msg>[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.close()));
});
async function pair(tlsB: TlsMaterial, maxPending = 16) {
  const peers = { a: { host: '127.0.0.1', port: await freePort() }, b: { host: '127.0.0.1', port: await freePort() } };
  const got: Msg[] = [];
  const logs: Record<string, string[]> = { a: [], b: [] };
  const ok = loadTls({ cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') });
  const mk = (id: 'a' | 'b', tls: TlsMaterial) =>
    Transport.start<Msg>({ id, secret: 'k', listen: peers[id], peers, schema, tls, maxPending, onMessage: (m) => got.push(m), log: (l) => logs[id]!.push(l) });
  started.push(await mk('a', ok), await mk('b', tlsB));
  return { a: started[0] as Transport<Msg>, b: started[1] as Transport<Msg>, got, logs, peers };
}

describe('Transport over TLS', () => {
  it('delivers messages both ways between peers with certificates from the cluster CA', async () => {
    const { a, b, got } = await pair(loadTls({ cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') }));
    a.send({ type: 'Ping', source: 'a', dest: 'b', n: 1 });
    b.send({ type: 'Ping', source: 'b', dest: 'a', n: 2 });
    await until(() => got.length === 2);
    expect(got.map((m) => m.n).sort()).toEqual([1, 2]);
  }, 15_000);

  it('refuses a peer whose certificate comes from another CA, on both ends', async () => {
    const { a, b, got, logs } = await pair(loadTls({ cert: file('stranger.pem'), key: file('stranger.key'), ca: file('ca.pem') }));
    a.send({ type: 'Ping', source: 'a', dest: 'b', n: 1 });
    b.send({ type: 'Ping', source: 'b', dest: 'a', n: 2 });
    await until(() => logs.a!.some((l) => /closed connection from 127\.0\.0\.1:\d+: TLS: peer certificate refused/.test(l)) && logs.a!.some((l) => /transport: to b: unable to verify/.test(l)));
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toEqual([]);
  }, 15_000);

  it('lets a peer in while idle strangers fill the handshake pool', async () => {
    const { a, b, got, peers } = await pair(loadTls({ cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') }), 4);
    await a.close();
    let flooding = true;
    const open = (): void => {
      if (!flooding) return;
      const s = connect({ host: '127.0.0.1', port: peers.b.port });
      s.on('error', () => {});
      s.on('close', () => setTimeout(open, 1));
    };
    for (let k = 0; k < 20; k += 1) open();
    try {
      await until(() => b.pending === 4);
      const ok = loadTls({ cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') });
      const a2 = await Transport.start<Msg>({ id: 'a', secret: 'k', listen: { host: '127.0.0.1', port: 0 }, peers, schema, tls: ok, onMessage: () => {}, log: () => {} });
      started.push(a2);
      a2.send({ type: 'Ping', source: 'a', dest: 'b', n: 3 });
      await until(() => got.some((m) => m.n === 3));
      expect(b.pending).toBeLessThanOrEqual(4);
    } finally {
      flooding = false;
    }
  }, 15_000);

  it('closes a TLS connection that sends no hello by the handshake deadline', async () => {
    const { peers, logs } = await pair(loadTls({ cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') }));
    const ok = loadTls({ cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') });
    const s = tlsConnect({ host: '127.0.0.1', port: peers.b.port, ...ok });
    s.on('error', () => {});
    await new Promise<void>((r) => s.once('secureConnect', () => r()));
    const t0 = Date.now();
    await new Promise<void>((r) => s.once('close', () => r()));
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(logs.b!.some((l) => /closed connection from 127\.0\.0\.1:\d+: handshake timeout/.test(l))).toBe(true);
  }, 15_000);
});
