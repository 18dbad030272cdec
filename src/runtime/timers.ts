// The runtime's clocks: a randomized election timeout (Raft §5.2: chosen anew in [min, max) each time
// it is armed, so that split votes are rare) and a fixed heartbeat period. They only decide when the
// protocol's timer actions are tried; what the actions are is the protocol's (Drive.timers).

export interface TimerSettings {
  /** Election timeout range in milliseconds, e.g. [300, 600]. */
  readonly electionMs: readonly [number, number];
  /** Heartbeat period in milliseconds, e.g. 50. */
  readonly heartbeatMs: number;
}

/** Fires `fire` after a random timeout; `reset` re-arms it (a live leader was heard). */
export class ElectionTimer {
  private t: NodeJS.Timeout | null = null;
  private readonly s: TimerSettings;
  private readonly fire: () => void;
  constructor(s: TimerSettings, fire: () => void) {
    this.s = s;
    this.fire = fire;
  }
  start(): void {
    this.reset();
  }
  reset(): void {
    if (this.t !== null) clearTimeout(this.t);
    const [lo, hi] = this.s.electionMs;
    this.t = setTimeout(() => {
      this.t = null;
      this.fire();
      this.reset();
    }, lo + Math.random() * (hi - lo));
  }
  stop(): void {
    if (this.t !== null) clearTimeout(this.t);
    this.t = null;
  }
}

/** Fires `fire` every period. */
export class HeartbeatTimer {
  private t: NodeJS.Timeout | null = null;
  private readonly s: TimerSettings;
  private readonly fire: () => void;
  constructor(s: TimerSettings, fire: () => void) {
    this.s = s;
    this.fire = fire;
  }
  start(): void {
    this.stop();
    this.t = setInterval(this.fire, this.s.heartbeatMs);
  }
  stop(): void {
    if (this.t !== null) clearInterval(this.t);
    this.t = null;
  }
}
