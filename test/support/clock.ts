/** A clock tests move by hand; starts at 2026-11-28 10:00 Beijing time unless told otherwise. */
export class MovableClock {
  private current: Date;

  constructor(start: Date | string = "2026-11-28T10:00:00+08:00") {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
