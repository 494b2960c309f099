/**
 * The shapes environment variables take, shared by every settings schema (the service's,
 * SMS's, voice's): one wording of each error for the operator.
 */
import { z } from "zod";

/** Text; empty or blank counts as not set. */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const httpUrl = z.url({ protocol: /^https?$/, error: "an http(s) URL" });

/** Digits only (not "0x10" or "1e1"), from `min` to `max`; every failure reads `expected`. */
export function wholeNumber(min: number, max: number, expected: string) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, expected)
    .transform(Number)
    .pipe(z.number().min(min, expected).max(max, expected));
}

/** A whole number of `unit` (seconds, messages …) from `min` to `max`, `fallback` when unset. */
export function wholeNumberOf(min: number, max: number, fallback: number, unit: string) {
  return wholeNumber(min, max, `a whole number of ${unit} from ${min} to ${max}`).default(fallback);
}
