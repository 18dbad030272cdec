// The runtime's clocks: a randomized election timeout (Raft §5.2: chosen anew in [min, max) each time
// it is armed, so that split votes are rare) and a fixed heartbeat period. They only decide when the
// protocol's timer actions are tried; what the actions are is the protocol's (Drive.timers).

export interface TimerSettings {
  /** Election timeout range in milliseconds, e.g. [300, 600]. */
  readonly electionMs: readonly [number, number];
  /** Heartbeat period in milliseconds, e.g. 50. */
  readonly heartbeatMs: number;
}

/** Time and timers as the node loop sees them; a clock driven by hand (in-process.ts) replays a trace. */
export interface Clock {
  /** Milliseconds, as `performance.now()`. */
  now(): number;
  /** Calls `f` after `ms` (every `ms` if `repeat`) until the returned function cancels it; `name` says which timer. */
  arm(name: 'election' | 'heartbeat', ms: number, repeat: boolean, f: () => void): () => void;
}

/** The process's clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  arm: (_name, ms, repeat, f) => {
    if (!repeat) {
      const t = setTimeout(f, ms);
      return () => clearTimeout(t);
    }
    const t = setInterval(f, ms);
    return () => clearInterval(t);
  },
};

/** A timer of the runtime: `fire` runs when it expires; `stop` disarms it. */
abstract class Timer {
  protected cancel: (() => void) | null = null;
  protected readonly s: TimerSettings;
  protected readonly fire: () => void;
  protected readonly clock: Clock;
  constructor(s: TimerSettings, fire: () => void, clock: Clock = systemClock) {
    this.s = s;
    this.fire = fire;
    this.clock = clock;
  }
  abstract start(): void;
  stop(): void {
    this.cancel?.();
    this.cancel = null;
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
    this.cancel = this.clock.arm('election', lo + Math.random() * (hi - lo), false, () => {
      this.cancel = null;
      this.fire();
      this.reset();
    });
  }
}

/** Fires `fire` every period. */
export class HeartbeatTimer extends Timer {
  start(): void {
    this.stop();
    this.cancel = this.clock.arm('heartbeat', this.s.heartbeatMs, true, this.fire);
  }
}
