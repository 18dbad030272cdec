// Progress on stderr: one live line on a terminal, plain periodic lines otherwise (logs, CI).
import type { Progress } from '../../model-check/index.ts';
import { count, mib } from './format.ts';

/** A progress printer; `done()` clears the live line. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { show(p: Progress): void; done(): void } {
  const live = stream.isTTY === true;
  let shown = false;
  return {
    show(p) {
      const line =
        `${count(p.distinct)} distinct, ${count(p.generated)} generated, queue ${count(p.queue)}, depth ${p.depth}, ` +
        `${count(p.statesPerSecond)} states/s, ${mib(p.rssBytes)}, ${p.seconds.toFixed(0)} s`;
      if (live) {
        stream.write(`\r\x1b[K${line}`);
        shown = true;
      } else stream.write(`progress: ${line}\n`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
