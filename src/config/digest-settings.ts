/**
 * The clerks' weekly hot-spot digest: when it goes (HOT_SPOT_DIGEST_AT, a weekday and a
 * Shanghai time, "mon 09:00" by default) or "off". Part of src/config/config.ts's schema.
 */
import { z } from "zod";
import type { WeeklyTime } from "../domain/shanghai-time.ts";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const EXPECTED =
  'a weekday and a time "mon 09:00" (mon … sun, 00:00–23:59, Beijing time), or "off"';

/** Unset: Monday 09:00. */
const DEFAULT_DIGEST_AT = "mon 09:00";

const digestAt = z
  .string()
  .optional()
  .transform((value) => (value ?? DEFAULT_DIGEST_AT).trim().toLowerCase())
  .refine((value) => value === "off" || parseWeeklyTime(value) !== null, EXPECTED)
  .transform((value) => (value === "off" ? null : parseWeeklyTime(value)));

function parseWeeklyTime(value: string): WeeklyTime | null {
  const match = /^([a-z]{3})\s+([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  const weekday = match ? WEEKDAYS.indexOf(match[1] as (typeof WEEKDAYS)[number]) + 1 : 0;
  if (!match || weekday === 0) return null;
  return { weekday, hour: Number(match[2]), minute: Number(match[3]) };
}

/** The digest variables, to spread into the service's environment schema. */
export const DigestEnvShape = {
  HOT_SPOT_DIGEST_AT: digestAt,
};
