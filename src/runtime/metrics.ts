// What a node measures, as an interface: the runtime feeds it, the CLI wiring supplies an
// implementation (Prometheus, src/cli/metrics.ts), so the runtime needs no metrics library.

/** What the gauges read when scraped. */
export interface MetricsSource {
  term(): number;
  commitIndex(): number;
  applied(): number;
  lastIndex(): number;
  /** Who this node believes leads (null: nobody known). */
  leader(): string | null;
}

/** A node's instruments. */
export interface NodeMetrics {
  /** A durable WAL append took `seconds` (O_DSYNC write, or fsync). */
  fsync(seconds: number): void;
  /** A client command reached `outcome` (done, failed, timeout) `seconds` after it arrived. */
  command(outcome: string, seconds: number): void;
  /** This node started an election. */
  election(): void;
  /** `GET /metrics`: content type and text. */
  scrape(): Promise<{ type: string; body: string }>;
}

/** Makes node `id`'s metrics, reading gauges from `src`. */
export type MetricsFactory = (id: string, src: MetricsSource) => NodeMetrics;
