// TLS on the peer and client ports (issue #13): certificates made here with openssl (a CA, node
// certificates with IP SAN 127.0.0.1, and a second CA). A TLS cluster commits a write through the test
// client and the `kv` command; a peer whose certificate comes from another CA is refused; bad TLS files
// are one-line errors naming the file.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvClient, httpRequest } from '../../src/runtime/client.ts';
import { BIN, Cluster, sleep } from './harness.ts';

let pki = '';
const file = (name: string) => join(pki, name);

/** A self-signed CA, or (with `ca`) a node certificate signed by it, for 127.0.0.1. */
function makeCert(name: string, ca?: string): void {
  const common = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  const node = ca === undefined ? [] : ['-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:FALSE', '-CA', file(`${ca}.pem`), '-CAkey', file(`${ca}.key`)];
  execFileSync('openssl', [...common, '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`), '-subj', `/CN=${name}`, ...node], { stdio: 'ignore' });
}

beforeAll(() => {
  pki = mkdtempSync(join(tmpdir(), 'cc-pki-'));
  makeCert('ca');
  makeCert('node', 'ca');
  makeCert('other-ca');
  makeCert('stranger', 'other-ca');
});
afterAll(() => rmSync(pki, { recursive: true, force: true }));

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

const tls = () => ({ cert: file('node.pem'), key: file('node.key'), ca: file('ca.pem') });
const httpsUrl = (c: Cluster, id: string) => `https://127.0.0.1:${c.nodes[id]?.httpPort}`;

type Status = { role: string; term: number; commitIndex: number; leader: string | null };
async function status(c: Cluster, id: string, agent: Agent): Promise<Status | null> {
  try {
    return (await httpRequest(`${httpsUrl(c, id)}/status`, 'GET', null, {}, 1000, agent)).body as unknown as Status;
  } catch {
    return null;
  }
}

async function waitLeader(c: Cluster, among: readonly string[], agent: Agent, ms = 30_000): Promise<string> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ss = await Promise.all(among.map((id) => status(c, id, agent)));
    const l = ss.find((s) => s?.role === 'Leader');
    if (l !== undefined && l !== null && ss.filter((s) => s?.leader !== undefined && s.leader === l.leader && s.term === l.term).length * 2 > c.ids.length) return l.leader as string;
    await sleep(100);
  }
  throw new Error(`no leader among ${among.join(',')} within ${ms} ms`);
}

describe('TLS on the peer and client ports', () => {
  it('a TLS cluster commits a write, through the test client and the kv command (--config, or --url with --ca)', async () => {
    const c = (cluster = await Cluster.start(3, { tls: tls() }));
    const agent = new Agent({ keepAlive: false, ca: readFileSync(file('ca.pem')) });
    await waitLeader(c, c.ids, agent);
    const client = new KvClient({ urls: c.ids.map((id) => httpsUrl(c, id)), token: c.token, ca: readFileSync(file('ca.pem')), attempts: 10 });
    try {
      const put = await client.call({ op: 'put', key: 'k', value: 'over tls' });
      expect(put.kind === 'ok' && put.reply.code).toBe(200);
    } finally {
      client.close();
    }
    const got = spawnSync(process.execPath, [BIN, 'kv', 'get', 'k', '--config', c.config], { encoding: 'utf8', timeout: 30_000 });
    expect({ code: got.status, out: got.stdout }).toEqual({ code: 0, out: 'over tls\n' });
    const put = spawnSync(process.execPath, [BIN, 'kv', 'put', 'k2', 'v2', '--config', c.config], { encoding: 'utf8', timeout: 30_000 });
    expect(put.status).toBe(0);
    const byUrl = spawnSync(process.execPath, [BIN, 'kv', 'get', 'k2', '--url', httpsUrl(c, 's2'), '--ca', file('ca.pem'), '--token', c.token], { encoding: 'utf8', timeout: 30_000 });
    expect({ code: byUrl.status, out: byUrl.stdout }).toEqual({ code: 0, out: 'v2\n' });
    // cluster status asks each node over HTTPS, trusting the CA named in cluster.json.
    const status = spawnSync(process.execPath, [BIN, 'cluster', 'status', '--dir', c.dir], { encoding: 'utf8', timeout: 30_000 });
    expect({ code: status.status, https: status.stdout.match(/https:\/\//g)?.length, leaders: status.stdout.match(/ Leader /g)?.length }).toEqual({ code: 0, https: 3, leaders: 1 });
    // Plain HTTP is not served, and a client that does not trust the CA is refused.
    await expect(httpRequest(`http://127.0.0.1:${c.nodes['s1']?.httpPort}/status`, 'GET', null, {}, 2000)).rejects.toThrow();
    await expect(httpRequest(`${httpsUrl(c, 's1')}/status`, 'GET', null, {}, 2000)).rejects.toThrow(/self.signed|unable.to.verify|certificate/i);
    expect(c.logOf('s1')).toMatch(/peers on 127\.0\.0\.1:\d+ \(TLS\), https on/);
  }, 90_000);

  it('refuses a peer whose certificate comes from another CA', async () => {
    // s3 trusts the cluster CA, but its own certificate is signed by another one.
    const c = (cluster = await Cluster.start(3, { tls: tls() }, [], { s3: { tls: { cert: file('stranger.pem'), key: file('stranger.key'), ca: file('ca.pem') } } }));
    const agent = new Agent({ keepAlive: false, ca: [readFileSync(file('ca.pem')), readFileSync(file('other-ca.pem'))] });
    const leader = await waitLeader(c, ['s1', 's2'], agent);
    const client = new KvClient({ urls: [httpsUrl(c, leader)], token: c.token, ca: readFileSync(file('ca.pem')), attempts: 10 });
    try {
      const put = await client.call({ op: 'put', key: 'k', value: 'v' });
      expect(put.kind === 'ok' && put.reply.code).toBe(200);
    } finally {
      client.close();
    }
    await sleep(1000);
    const s3 = await status(c, 's3', agent);
    expect(s3).not.toBeNull();
    expect(s3?.commitIndex).toBe(0);
    expect(s3?.leader).toBeNull();
    const logs = c.logOf('s1') + c.logOf('s2');
    expect(logs).toMatch(/closed connection from 127\.0\.0\.1:\d+: TLS: peer certificate refused/);
    expect(logs).toMatch(/transport: to s3: .*(unable to verify|certificate)/i);
  }, 90_000);

  it('names the bad file in a one-line error: a missing certificate, a key that is not a key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-tls-bad-'));
    try {
      writeFileSync(join(dir, 'garbage.key'), 'not a key\n');
      const cases: [Record<string, string>, string][] = [
        [{ ...tls(), cert: join(dir, 'missing.pem') }, `cannot read TLS cert file ${join(dir, 'missing.pem')}: ENOENT`],
        [{ ...tls(), key: join(dir, 'garbage.key') }, `TLS key file ${join(dir, 'garbage.key')} is not a usable private key`],
        [{ ...tls(), key: file('stranger.key') }, `TLS key file ${file('stranger.key')} does not fit cert file ${file('node.pem')}`],
        [{ ...tls(), ca: join(dir, 'garbage.key') }, `TLS ca file ${join(dir, 'garbage.key')} is not a PEM certificate`],
      ];
      for (const [t, want] of cases) {
        const config = join(dir, 'cluster.json');
        writeFileSync(config, JSON.stringify({ nodes: { s1: { host: '127.0.0.1', peerPort: 17101, httpPort: 17102 } }, secret: '0123456789abcdef0123', dataDir: 'data', tls: t }));
        const r = spawnSync(process.execPath, [BIN, 'node', '--id', 's1', '--config', config], { encoding: 'utf8', timeout: 30_000 });
        expect(r.status).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(want);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
