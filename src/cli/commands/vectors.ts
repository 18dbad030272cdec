// `vectors <protocol> [constants] --out DIR`: every distinct node-local transition met during an
// exhaustive run, as JSON lines, with a README for other implementations (docs/traces.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setAutoFreeze } from 'immer';
import { UsageError, type Checkable, type Message, type NodeProtocol, type Tagged } from '../../core/index.ts';
import { compose, explore } from '../../../model-check/index.ts';
import { recording } from '../../../model-check/trace-vectors.ts';
import { parseFlags } from '../args.ts';
import { EXIT } from '../exit.ts';
import { protocols } from '../registry.ts';
import type { Command } from './index.ts';
import { vectorsReadme } from './vectors-readme.ts';

export const vectors: Command = {
  summary: 'vectors <protocol> [constants] --out DIR: conformance vectors, (state, input) -> (next state, messages sent)',
  async run(argv) {
    const names = Object.keys(protocols);
    const name = argv[0];
    if (name === undefined || name.startsWith('-')) throw new UsageError(`vectors: which protocol? (expected: ${names.join(', ')})`);
    const load = protocols[name];
    if (load === undefined) throw new UsageError(`unknown protocol '${name}' (expected: ${names.join(', ')})`);
    const target: Checkable = await load();
    const options: Record<string, { type: 'string' | 'boolean' }> = { out: { type: 'string' }, variant: { type: 'string' } };
    for (const c of target.constants) options[c.flag] = { type: 'string' };
    const { values, positionals } = parseFlags(argv.slice(1), options, `vectors ${name}`);
    if (positionals.length > 0) throw new UsageError(`vectors ${name}: unexpected argument '${positionals[0]}'`);
    const out = values['out'];
    if (typeof out !== 'string') throw new UsageError(`vectors ${name}: --out DIR is required`);
    const variant = typeof values['variant'] === 'string' ? values['variant'] : null;
    const constants = Object.fromEntries(target.constants.map((c) => [c.flag, typeof values[c.flag] === 'string' ? (values[c.flag] as string) : c.default]));
    const built = target.build(constants, variant);
    if (built.kind !== 'node') throw new UsageError(`vectors: ${name} is a spec-level model with no node-local transitions (expected a node-level protocol)`);
    setAutoFreeze(false);
    const rec = recording(built.protocol as NodeProtocol<unknown, unknown, Tagged, Message>);
    const r = await explore(compose(rec.protocol, built.config, built.network, { speed: false }), { deadlock: false });
    const vs = rec.vectors();
    try {
      mkdirSync(out, { recursive: true });
      const lines = vs.map((v) => JSON.stringify(v)).join('\n') + '\n';
      writeFileSync(join(out, 'vectors.jsonl'), lines);
      const meta = { protocol: built.protocol.name, settings: built.settings, config: built.config, vectors: vs.length, enabled: vs.filter((v) => v.next !== null).length, distinctStates: r.distinct, verdict: r.verdict };
      writeFileSync(join(out, 'config.json'), JSON.stringify(meta, null, 1) + '\n');
      writeFileSync(join(out, 'README.md'), vectorsReadme(meta.protocol, meta.settings));
      process.stdout.write(`${vs.length.toLocaleString('en-US')} vectors (${meta.enabled.toLocaleString('en-US')} enabled) from ${r.distinct.toLocaleString('en-US')} distinct states; vectors.jsonl ${Buffer.byteLength(lines).toLocaleString('en-US')} bytes in ${out}\n`);
    } catch (e) {
      throw new UsageError(`vectors: cannot write to ${out} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return EXIT.ok;
  },
};
