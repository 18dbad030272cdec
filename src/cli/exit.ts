// Exit codes, as TLC's where TLC has one.
export const EXIT = {
  /** Every invariant and property holds within the bounds. */
  ok: 0,
  /** Internal error (a bug in this program). */
  internal: 1,
  /** Bad input: a flag, a constant, a config file. */
  usage: 2,
  /** Stopped early (--max-states, --max-seconds, --memory): nothing is claimed. */
  incomplete: 3,
  /** TLC's deadlock code. */
  deadlock: 11,
  /** TLC's safety-violation code: an invariant or action property failed. */
  violation: 12,
  /** TLC's liveness-violation code: a temporal property failed (a fair lasso). */
  temporal: 13,
  /** Stopped by Ctrl-C (SIGINT), as shells report it: 128 + 2. */
  interrupted: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;
