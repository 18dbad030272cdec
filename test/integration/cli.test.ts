// The node, cluster and kv commands on bad input: one line on stderr, exit code 2, no stack trace;
// and `cluster start|status|stop` with `kv put|get|cas|del` end to end.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './harness.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    spawnSync(process.execPath, [BIN, 'cluster', 'stop', '--dir', join(d, 'c')], { timeout: 120_000 });
    rmSync(d, { recursive: true, force: true });
  }
}, 180_000);

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, ...(cwd ? { cwd } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cc-cli-'));
  dirs.push(d);
  return d;
}

const nodes = { s1: { host: '127.0.0.1', peerPort: 17001, httpPort: 17002 }, s2: { host: '127.0.0.1', peerPort: 17003, httpPort: 17004 } };
const secret = '0123456789abcdef0123';

describe('bad config: one line, exit 2', () => {
  const cases: [string, unknown, string[], RegExp][] = [
    ['unknown node id', { nodes, secret }, ['--id', 's9'], /^error: unknown node 's9' \(.* has: s1, s2\)$/],
    ['duplicate ports', { nodes: { ...nodes, s2: { ...nodes.s2, httpPort: 17001 } }, secret }, ['--id', 's1'], /^error: .*duplicate port 17001 on 127\.0\.0\.1/],
    ['short secret', { nodes, secret: 'x' }, ['--id', 's1'], /^error: .*'secret' must be a string of at least 16 characters$/],
    ['unknown field', { nodes, secret, peers: [] }, ['--id', 's1'], /^error: .*unknown field 'peers'/],
    ['bad port', { nodes: { s1: { peerPort: 0, httpPort: 1 } }, secret }, ['--id', 's1'], /^error: .*node s1: peerPort must be a port number/],
  ];
  it.each(cases)('%s', (_name, config, args, message) => {
    const d = tmp();
    writeFileSync(join(d, 'cluster.json'), JSON.stringify(config));
    const r = cli(['node', '--config', join(d, 'cluster.json'), ...args]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toMatch(message);
  });

  it('unreadable config and unusable data dir', () => {
    const d = tmp();
    let r = cli(['node', '--id', 's1', '--config', join(d, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^error: cannot read config .*missing\.json: ENOENT$/);
    writeFileSync(join(d, 'file'), 'not a dir');
    writeFileSync(join(d, 'cluster.json'), JSON.stringify({ nodes, secret, dataDir: join(d, 'file') }));
    r = cli(['node', '--id', 's1', '--config', join(d, 'cluster.json')]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^error: data dir .* is not usable/);
    chmodSync(d, 0o700);
  }, 180_000);

  it('missing flags and unknown subcommands', () => {
    expect(cli(['node', '--config', 'x.json'])).toMatchObject({ code: 2, err: "error: node: --id is required (a node id from the config)\n" });
    expect(cli(['cluster', 'launch'])).toMatchObject({ code: 2, err: "error: cluster: expected start, stop, status, kill, restart, pause, resume, add, promote, remove or members, got 'launch'\n" });
    expect(cli(['cluster', 'promote', 's4', 's5'])).toMatchObject({ code: 2, err: "error: cluster: unexpected argument 's5'\n" });
    expect(cli(['cluster', 'members', 's4'])).toMatchObject({ code: 2, err: "error: cluster: unexpected argument 's4'\n" });
    expect(cli(['kv', 'get'])).toMatchObject({ code: 2, err: 'error: kv get: expected KEY\n' });
    expect(cli(['cluster', 'start', '--nodes', '0'])).toMatchObject({ code: 2 });
  }, 180_000);
});

describe('cluster and kv commands', () => {
  it('cluster start, kv put/get/cas/del, cluster status, cluster stop', () => {
    const d = tmp();
    const c = join(d, 'c');
    const start = cli(['cluster', 'start', '--nodes', '3', '--dir', c, '--token', 'secret-token']);
    expect(start.code, start.err).toBe(0);
    expect(start.out).toMatch(/leader s\d; try: curl -X PUT http:\/\/127\.0\.0\.1:\d+\/kv\/a -d 1/);
    expect(cli(['kv', 'put', 'a', '1', '--dir', c])).toMatchObject({ code: 0, out: 'ok\n' });
    expect(cli(['kv', 'get', 'a', '--dir', c])).toMatchObject({ code: 0, out: '1\n' });
    expect(cli(['kv', 'cas', 'a', '2', '3', '--dir', c])).toMatchObject({ code: 1, err: 'precondition failed (value is "1")\n' });
    expect(cli(['kv', 'cas', 'a', '1', '3', '--dir', c])).toMatchObject({ code: 0 });
    expect(cli(['kv', 'del', 'a', '--dir', c])).toMatchObject({ code: 0 });
    expect(cli(['kv', 'get', 'a', '--dir', c])).toMatchObject({ code: 1, err: 'not found\n' });
    const status = cli(['cluster', 'status', '--dir', c]);
    expect(status.code).toBe(0);
    expect(status.out.match(/Leader/g)).toHaveLength(1);
    expect(cli(['cluster', 'start', '--dir', c]).code).toBe(2);
    expect(cli(['cluster', 'stop', '--dir', c])).toMatchObject({ code: 0, out: 'stopped 3 node(s)\n' });
  }, 300_000);
});
