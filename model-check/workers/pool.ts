// A worker thread as the main thread drives it: ask and wait for the reply, tell without one, and
// the steal answers that arrive outside that order.
import type { Worker } from 'node:worker_threads';
import type { ToMain, ToWorker } from './messages.ts';

/** A worker with a reply queue: `ask` posts a message and resolves with the worker's next reply. */
export class Pool {
  private readonly inbox: ToMain[] = [];
  private readonly waiters: ((m: ToMain) => void)[] = [];
  private failure: Error | null = null;
  private readonly failed: ((e: Error) => void)[] = [];
  readonly worker: Worker;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (m: ToMain) => {
      if (m.type === 'error') return this.fail(new Error(`explorer worker failed: ${m.message}`));
      if (m.type === 'stolen') {
        const h = this.onStolen;
        this.onStolen = null;
        // States nobody waits for would never be expanded: fail loudly rather than miscount.
        if (h === null) return this.fail(new Error('explorer worker sent states that no worker asked for'));
        return h(m);
      }
      const w = this.waiters.shift();
      if (w !== undefined) {
        this.failed.shift();
        w(m);
      } else this.inbox.push(m);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`explorer worker exited with code ${code}`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const f of this.failed.splice(0)) f(e);
    this.waiters.length = 0;
  }

  next(): Promise<ToMain> {
    const m = this.inbox.shift();
    if (m !== undefined) return Promise.resolve(m);
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiters.push(resolve);
      this.failed.push(reject);
    });
  }

  async expect(type: ToMain['type']): Promise<ToMain> {
    const m = await this.next();
    if (m.type !== type) throw new Error(`explorer worker said ${m.type}, expected ${type}`);
    return m;
  }

  private onStolen: ((m: ToMain) => void) | null = null;

  /** The worker's answer to a steal request (sent outside the ask/reply order). */
  stolen(): Promise<ToMain> {
    return new Promise((resolve) => (this.onStolen = resolve));
  }

  /** The steal request was withdrawn before the worker saw it: no answer will come. */
  withdrawSteal(): void {
    this.onStolen = null;
  }

  ask(m: ToWorker): Promise<ToMain> {
    this.worker.postMessage(m);
    return this.next();
  }

  tell(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
