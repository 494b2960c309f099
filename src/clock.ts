/** Time as the service reads it: one port, so that tests move it by hand. */
export interface Clock {
  now(): Date;
}

/** The machine's time. */
export const systemClock: Clock = { now: () => new Date() };
