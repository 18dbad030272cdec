// Log lines for refused connections without a flood of them: in each window the first few reasons
// are logged one by one, the rest are counted and summed up in one line when the window ends.

export class RejectionLog {
  private readonly log: (line: string) => void;
  private readonly windowMs: number;
  private readonly perWindow: number;
  private shown = 0;
  private readonly hidden = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  constructor(log: (line: string) => void, windowMs = 5000, perWindow = 5) {
    this.log = log;
    this.windowMs = windowMs;
    this.perWindow = perWindow;
  }

  /** Reports one refused connection; `kind` groups the summary (e.g. 'handshake timeout'). */
  report(line: string, kind: string): void {
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.windowMs);
      this.timer.unref();
    }
    if (this.shown < this.perWindow) {
      this.shown += 1;
      this.log(line);
    } else this.hidden.set(kind, (this.hidden.get(kind) ?? 0) + 1);
  }

  private flush(): void {
    this.timer = null;
    this.shown = 0;
    if (this.hidden.size === 0) return;
    const total = [...this.hidden.values()].reduce((a, b) => a + b, 0);
    const parts = [...this.hidden].map(([k, n]) => `${k}: ${n}`).join(', ');
    this.log(`transport: closed ${total} more unauthenticated connections in ${this.windowMs / 1000} s (${parts})`);
    this.hidden.clear();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
