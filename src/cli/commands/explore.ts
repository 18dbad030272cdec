// `explore <protocol> [constants] [--variant NAME] [--port P]`: the browser explorer on 127.0.0.1,
// after the exhaustive check within --max-states/--max-seconds (docs/explorer.md).
import { UsageError, type Checkable } from '../../core/index.ts';
import { startExplorer } from '../../../explorer/index.ts';
import { intFlag, numberFlag, parseFlags } from '../args.ts';
import { build } from '../build-model.ts';
import { EXIT } from '../exit.ts';
import { progressPrinter } from '../progress.ts';
import { protocols } from '../registry.ts';
import type { Command } from './index.ts';

export const explore: Command = {
  summary: 'explore <protocol> [constants] [--variant NAME] [--port P]: walk the states in a browser, on 127.0.0.1',
  async run(argv) {
    const names = Object.keys(protocols);
    const name = argv[0];
    if (name === undefined || name.startsWith('-')) throw new UsageError(`explore: which protocol? (expected: ${names.join(', ')})`);
    const load = protocols[name];
    if (load === undefined) throw new UsageError(`unknown protocol '${name}' (expected: ${names.join(', ')})`);
    const target: Checkable = await load();
    const options: Record<string, { type: 'string' | 'boolean' }> = {
      variant: { type: 'string' }, port: { type: 'string' }, 'max-states': { type: 'string' }, 'max-seconds': { type: 'string' }, 'no-check': { type: 'boolean' }, help: { type: 'boolean' },
    };
    for (const c of target.constants) options[c.flag] = { type: 'string' };
    const { values, positionals } = parseFlags(argv.slice(1), options, `explore ${name}`);
    if (values['help'] === true) return (process.stdout.write(usage(name, target)), EXIT.ok);
    if (positionals.length > 0) throw new UsageError(`explore ${name}: unexpected argument '${positionals[0]}'`);
    const variant = typeof values['variant'] === 'string' ? values['variant'] : null;
    if (variant !== null && target.variants[variant] === undefined) throw new UsageError(`unknown variant '${variant}' for ${name} (expected: ${Object.keys(target.variants).join(', ')})`);
    const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
    const port = intFlag(str('port'), 'port', 0, 65535) ?? 8080;
    const maxStates = intFlag(str('max-states'), 'max-states', 1) ?? 1_000_000;
    const maxSeconds = numberFlag(str('max-seconds'), 'max-seconds') ?? 120;
    const constants = Object.fromEntries(target.constants.map((c) => [c.flag, str(c.flag) ?? c.default]));
    const { built, model } = await build({ protocol: name, constants, variant, refinement: false });
    const nodes = built.kind === 'node' ? [...built.protocol.nodes(built.config)].sort() : [];
    const checkAtStart = values['no-check'] !== true;
    const progress = progressPrinter();
    if (checkAtStart) process.stderr.write(`Checking ${built.settings} (at most ${maxStates.toLocaleString('en-US')} states, ${maxSeconds} s)...\n`);
    const e = await startExplorer({ model, nodes, settings: built.settings, port, checkAtStart, maxStates, maxSeconds, onProgress: (p) => progress.show(p) });
    progress.done();
    process.stdout.write(`Explorer for ${built.settings} at ${e.url} (Ctrl-C stops it)\n`);
    return new Promise<number>((resolve) => {
      const stop = (code: number): void => void e.close().then(() => resolve(code));
      process.once('SIGINT', () => stop(EXIT.ok));
      process.once('SIGTERM', () => stop(EXIT.ok));
    });
  },
};

function usage(name: string, target: Checkable): string {
  const constants = target.constants.map((c) => `  --${c.flag} V  ${c.description} (default ${c.default})`).join('\n');
  return `usage: consensus-checked explore ${name} [constants] [--variant NAME] [--port P] [--max-states N] [--max-seconds S] [--no-check]
Serves a page on 127.0.0.1 to walk the model's states (docs/browser-explorer.md).
  --port P         the port on 127.0.0.1 (default 8080; 0 picks a free one)
  --max-states N   bound of the checks it runs (default 1,000,000); --max-seconds S likewise (default 120)
  --no-check       serve at once; the page runs the check on demand
  --variant NAME   one of: ${Object.keys(target.variants).join(', ') || '(none)'}
${constants}
`;
}
