/** Time, injectable so tests control it. */
export interface Clock {
  /** The current time. */
  now(): Date;
}

/** The real clock: `now()` is `new Date()`. */
export const systemClock: Clock = { now: () => new Date() };
