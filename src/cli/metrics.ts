// A node's metrics in Prometheus text format (prom-client, one registry per node): term, commit and
// apply index, leader, fsync and commit latency histograms, proposals and elections. The runtime
// only feeds the `NodeMetrics` interface; the library is wired in here, in the composition root.
import { createRequire } from 'node:module';
import type * as Prom from 'prom-client';
import type { MetricsSource, NodeMetrics } from '../runtime/metrics.ts';

// Only the four classes used: the package's index also loads its cluster, push-gateway and default
// metrics code, which made every node start slower (docs/runtime.md).
const require = createRequire(import.meta.url);
const Registry = require('prom-client/lib/registry') as typeof Prom.Registry;
const Counter = require('prom-client/lib/counter') as typeof Prom.Counter;
const Gauge = require('prom-client/lib/gauge') as typeof Prom.Gauge;
const Histogram = require('prom-client/lib/histogram') as typeof Prom.Histogram;
type Counter<T extends string = string> = Prom.Counter<T>;
type Gauge<T extends string = string> = Prom.Gauge<T>;
type Histogram<T extends string = string> = Prom.Histogram<T>;

/** Prometheus metrics of one node (`GET /metrics`). */
export class PromMetrics implements NodeMetrics {
  readonly registry = new Registry();
  private readonly fsyncs: Histogram;
  private readonly commits: Histogram<'outcome'>;
  private readonly proposals: Counter<'outcome'>;
  private readonly elections: Counter;

  constructor(id: string, src: MetricsSource) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ node: id });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({ name, help, registers, collect(this: Gauge) { this.set(read()); } });
    gauge('cc_term', 'current term', () => src.term());
    gauge('cc_commit_index', 'highest log index known committed', () => src.commitIndex());
    gauge('cc_applied_index', 'highest log index applied to the key-value store', () => src.applied());
    gauge('cc_last_index', 'index of the last log entry', () => src.lastIndex());
    gauge('cc_is_leader', '1 if this node is the leader', () => (src.leader() === id ? 1 : 0));
    new Gauge({
      name: 'cc_leader',
      help: 'the leader this node knows (label leader), 1 while known',
      labelNames: ['leader'],
      registers,
      collect(this: Gauge<'leader'>) {
        this.reset();
        const l = src.leader();
        if (l !== null) this.set({ leader: l }, 1);
      },
    });
    this.fsyncs = new Histogram({
      name: 'cc_wal_fsync_seconds',
      help: 'durable WAL append latency',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.5],
      registers,
    });
    this.commits = new Histogram({
      name: 'cc_commit_seconds',
      help: 'client command latency from arrival to outcome',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1, 2, 5],
      registers,
    });
    this.proposals = new Counter({ name: 'cc_proposals_total', help: 'client commands submitted, by outcome', labelNames: ['outcome'], registers });
    this.elections = new Counter({ name: 'cc_elections_total', help: 'elections started by this node', registers });
  }

  fsync(seconds: number): void {
    this.fsyncs.observe(seconds);
  }

  command(outcome: string, seconds: number): void {
    this.proposals.inc({ outcome });
    this.commits.observe({ outcome }, seconds);
  }

  election(): void {
    this.elections.inc();
  }


  async scrape(): Promise<{ type: string; body: string }> {
    return { type: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The `MetricsFactory` the `node` command gives `runNode`. */
export const promMetrics = (id: string, src: MetricsSource): NodeMetrics => new PromMetrics(id, src);
