/**
 * The city's wall-clock time by arithmetic. China has kept UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact: no time-zone library or database is needed for the digits
 * (Intl, with timeZone "Asia/Shanghai", writes dates out in words).
 */

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A day of 24 hours in milliseconds (no daylight saving in Shanghai: every day has 24). */
export const DAY_MS = 86_400_000;

/** A Date whose UTC fields (getUTCFullYear, getUTCHours, …) read the Shanghai wall clock. */
export function shanghaiWallClock(instant: Date): Date {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** "2026-03-04T07:40:12": the instant's Shanghai date and time, ISO 8601 without the zone. */
export function shanghaiDateTime(instant: Date): string {
  return shanghaiWallClock(instant).toISOString().slice(0, 19);
}

/** The instant of a Shanghai date and time written "2026-03-04T07:40" or "2026-03-04T07:40:12". */
export function fromShanghaiDateTime(local: string): Date {
  return new Date(`${local}+08:00`);
}

/** A weekly moment on the Shanghai wall clock. */
export interface WeeklyTime {
  /** 1 (Monday) to 7 (Sunday). */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

const WEEK_MS = 7 * DAY_MS;

/** The latest instant at `time` of its weekday, Shanghai time, not after `now`. */
export function latestWeekly(now: Date, time: WeeklyTime): Date {
  const wall = shanghaiWallClock(now);
  const weekday = ((wall.getUTCDay() + 6) % 7) + 1;
  const back = (weekday - time.weekday + 7) % 7;
  const day = new Date(wall.getTime() - back * DAY_MS).toISOString().slice(0, 10);
  const clock = `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
  const at = fromShanghaiDateTime(`${day}T${clock}`);
  return at > now ? new Date(at.getTime() - WEEK_MS) : at;
}
