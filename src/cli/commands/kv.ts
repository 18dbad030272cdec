// `kv get|put|del|cas`: one request to a cluster (any node; followers proxy to the leader).
import { UsageError } from '../../core/index.ts';
import { KvClient } from '../../runtime/client.ts';
import type { KvRequest } from '../../runtime/client.ts';
import { loadClusterConfig } from '../../runtime/config.ts';
import { loadCa } from '../../runtime/transport/tls.ts';
import { parseFlags } from '../args.ts';
import { EXIT } from '../exit.ts';
import type { Command } from './index.ts';
import { join, resolve } from 'node:path';

const options = {
  config: { type: 'string' },
  dir: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  ca: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `usage: consensus-checked kv get KEY | put KEY VALUE | del KEY | cas KEY EXPECTED VALUE
       [--dir ./cluster | --config cluster.json | --url http(s)://127.0.0.1:PORT] [--token T] [--ca CA.pem]
  (with a tls section in the config, https and its CA are used; --ca trusts a CA for --url)
`;

export const kv: Command = {
  summary: 'kv get|put|del|cas KEY [...]: read or write the cluster key-value store',
  async run(argv) {
    const { values: v, positionals: p } = parseFlags(argv, options, 'kv');
    const values = v as { config?: string; dir?: string; url?: string; token?: string; ca?: string; help?: boolean };
    if (values.help === true) {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    const [op, key, a, b] = p;
    const arity: Record<string, number> = { get: 2, put: 3, del: 2, cas: 4 };
    if (op === undefined || arity[op] === undefined) throw new UsageError(`kv: expected get, put, del or cas${op === undefined ? '' : `, got '${op}'`}`);
    if (p.length !== arity[op] || key === undefined) throw new UsageError(`kv ${op}: expected ${['KEY', 'KEY VALUE', 'KEY', 'KEY EXPECTED VALUE'][['get', 'put', 'del', 'cas'].indexOf(op)]}`);
    let urls: string[];
    let token = values.token ?? null;
    let ca = values.ca === undefined ? undefined : loadCa(values.ca);
    if (values.url !== undefined) {
      try {
        urls = [new URL(values.url).origin];
      } catch {
        throw new UsageError(`kv: bad --url '${values.url}'`);
      }
    } else {
      const c = loadClusterConfig(values.config ?? join(resolve(values.dir ?? 'cluster'), 'cluster.json'));
      if (c.tls !== null) ca = ca ?? loadCa(c.tls.ca);
      urls = Object.values(c.nodes).map((n) => `${c.tls === null ? 'http' : 'https'}://${n.host}:${n.httpPort}`);
      token = token ?? c.token;
    }
    const req: KvRequest =
      op === 'get' ? { op, key } : op === 'del' ? { op, key } : op === 'put' ? { op, key, value: a as string } : { op: 'cas', key, expected: a as string, value: b as string };
    const client = new KvClient({ urls, token, attempts: Math.max(3, urls.length + 1), ...(ca === undefined ? {} : { ca }) });
    try {
      const r = await client.call(req);
      if (r.kind !== 'ok') {
        process.stderr.write(`error: ${r.kind === 'unknown' ? 'outcome unknown' : 'failed'}: ${r.error}\n`);
        return EXIT.internal;
      }
      const { code, body } = r.reply;
      if (code === 200) {
        process.stdout.write(op === 'get' ? `${String(body['value'])}\n` : 'ok\n');
        return EXIT.ok;
      }
      process.stderr.write(`${String(body['message'] ?? body['error'])}${body['value'] !== undefined ? ` (value is ${JSON.stringify(body['value'])})` : ''}\n`);
      return EXIT.internal;
    } finally {
      client.close();
    }
  },
};
