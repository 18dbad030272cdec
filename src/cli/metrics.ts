// The metrics a node gets from the CLI: Prometheus (prom-client), loaded once the node is up so that
// loading the library does not delay its start (docs/runtime.md); what is observed before it has
// loaded is replayed into it.
import type { MetricsSource, NodeMetrics } from '../runtime/metrics.ts';

/** How long after the node starts the library is loaded (or at the first scrape, if earlier). */
const LOAD_AFTER_MS = 1000;

/** Node `id`'s Prometheus metrics, with the library loaded after `LOAD_AFTER_MS`. */
export function promMetrics(id: string, src: MetricsSource): NodeMetrics {
  let real: NodeMetrics | null = null;
  const early: ((m: NodeMetrics) => void)[] = [];
  let loading: Promise<NodeMetrics> | null = null;
  const load = (): Promise<NodeMetrics> =>
    (loading ??= import('./prom-metrics.ts').then(({ PromMetrics }) => {
      const m = new PromMetrics(id, src);
      for (const f of early.splice(0)) f(m);
      real = m;
      return m;
    }));
  setTimeout(() => void load(), LOAD_AFTER_MS).unref();
  const call = (f: (m: NodeMetrics) => void): void => {
    if (real !== null) f(real);
    else early.push(f);
  };
  return {
    fsync: (s) => call((m) => m.fsync(s)),
    command: (o, s) => call((m) => m.command(o, s)),
    election: () => call((m) => m.election()),
    scrape: async () => (await load()).scrape(),
  };
}
