// The runtime's clocks: a randomized election timeout (Raft §5.2: chosen anew in [min, max) each time
// it is armed, so that split votes are rare) and a fixed heartbeat period. They only decide when the
// protocol's timer actions are tried; what the actions are is the protocol's (Drive.timers).

export interface TimerSettings {
  /** Election timeout range in milliseconds, e.g. [300, 600]. */
  readonly electionMs: readonly [number, number];
  /** Heartbeat period in milliseconds, e.g. 50. */
  readonly heartbeatMs: number;
}

/** A timer of the runtime: `fire` runs when it expires; `stop` disarms it. */
abstract class Timer {
  protected t: NodeJS.Timeout | null = null;
  protected readonly s: TimerSettings;
  protected readonly fire: () => void;
  constructor(s: TimerSettings, fire: () => void) {
    this.s = s;
    this.fire = fire;
  }
  abstract start(): void;
  stop(): void {
    if (this.t !== null) clearTimeout(this.t);
    this.t = null;
  }
}

/** Fires `fire` after a random timeout; `reset` re-arms it (a live leader was heard). */
export class ElectionTimer extends Timer {
  start(): void {
    this.reset();
  }
  reset(): void {
    this.stop();
    const [lo, hi] = this.s.electionMs;
    this.t = setTimeout(() => {
      this.t = null;
      this.fire();
      this.reset();
    }, lo + Math.random() * (hi - lo));
  }
}

/** Fires `fire` every period. */
export class HeartbeatTimer extends Timer {
  start(): void {
    this.stop();
    this.t = setInterval(this.fire, this.s.heartbeatMs);
  }
}
