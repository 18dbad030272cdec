// A node's metrics in Prometheus text format (prom-client, one registry per node): term, commit and
// apply index, leader, fsync and commit latency histograms, proposals and elections.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges read when scraped. */
export interface MetricsSource {
  term(): number;
  commitIndex(): number;
  applied(): number;
  lastIndex(): number;
  /** Who this node believes leads (null: nobody known). */
  leader(): string | null;
}

/** One node's registry and the instruments the runtime feeds. */
export class NodeMetrics {
  readonly registry = new Registry();
  /** Seconds per durable WAL append (O_DSYNC write or fsync). */
  readonly fsync: Histogram;
  /** Seconds from a client command's arrival to its outcome on this node, by outcome. */
  readonly commit: Histogram<'outcome'>;
  /** Client commands submitted to this node, by outcome (done, failed, timeout). */
  readonly proposals: Counter<'outcome'>;
  /** Elections this node started (candidacies). */
  readonly elections: Counter;

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
    this.fsync = new Histogram({
      name: 'cc_wal_fsync_seconds',
      help: 'durable WAL append latency',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.5],
      registers,
    });
    this.commit = new Histogram({
      name: 'cc_commit_seconds',
      help: 'client command latency from arrival to outcome',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1, 2, 5],
      registers,
    });
    this.proposals = new Counter({ name: 'cc_proposals_total', help: 'client commands submitted, by outcome', labelNames: ['outcome'], registers });
    this.elections = new Counter({ name: 'cc_elections_total', help: 'elections started by this node', registers });
  }

  /** The exposition: content type and text. */
  async scrape(): Promise<{ type: string; body: string }> {
    return { type: this.registry.contentType, body: await this.registry.metrics() };
  }
}
