// The command line: `consensus-checked <command> ...`. Bad input is one line on stderr and exit 2.
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/index.ts';
import { commands } from './commands/index.ts';
import { EXIT } from './exit.ts';

async function main(argv: readonly string[]): Promise<number> {
  const name = argv[0];
  const names = Object.keys(commands).join(', ');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`usage: consensus-checked <command> [args]\n       consensus-checked --version\ncommands: ${names}\nTry 'consensus-checked check --help'.\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return EXIT.ok;
  }
  const load = commands[name];
  if (load === undefined) throw new UsageError(`unknown command '${name}' (expected: ${names})`);
  return (await load()).run(argv.slice(1));
}

// A reader that stops early (`| head`) ends the output, not with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = EXIT.usage;
  } else {
    process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT.internal;
  }
}
