/**
 * The filters of the case list, dashboard and export as the API takes them: a
 * period of Shanghai days (on the submission date), a region, a category, a handling unit,
 * statuses (comma-separated), group complaints (群体诉求), consultations (咨询) or complaints,
 * cases their citizens urged on (催办), cases outside the city (不在本市); the list and the
 * export also the cases overdue now (已超期).
 */
import { z } from "zod";
import { isLocalDate, addDays, type LocalDate } from "../domain/calendar.ts";
import { CASE_STATUSES } from "../domain/lifecycle/case-status.ts";
import { REQUEST_KINDS } from "../domain/vocabulary.ts";
import type { CaseFilter } from "../storage/queries/case-conditions.ts";

/** Days the service can have cases on: a date outside them is a client's mistake (400). */
const FIRST_DAY = "2000-01-01";
const LAST_DAY = "2099-12-31";

/** The largest "at least" a list is asked for: more people than any complaint speaks for. */
const MOST_COUNTED = 1_000_000;

const localDate = z
  .string()
  .refine(
    (value) => isLocalDate(value) && value >= FIRST_DAY && value <= LAST_DAY,
    `a date YYYY-MM-DD from ${FIRST_DAY} to ${LAST_DAY}`,
  );

export const CaseFilterSchema = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  region: z.string().min(1).max(64).optional(),
  category: z.string().min(1).max(64).optional(),
  /** The cases one unit holds (its id): a clerk looks for what to urge a unit on. */
  unit: z.string().min(1).max(64).optional(),
  /** Comma-separated statuses. */
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").filter(Boolean) : undefined))
    .pipe(z.array(z.enum(CASE_STATUSES)).optional()),
  /** Group complaints only: "any", or a number N for those counted at least N (see GroupFilter). */
  group: z
    .union([z.literal("any"), z.coerce.number().int().min(1).max(MOST_COUNTED)])
    .optional()
    .transform((value) =>
      value === "any" ? {} : value === undefined ? undefined : { atLeast: value },
    ),
  kind: z.enum(REQUEST_KINDS).optional(),
  /** Cases urged on (催办) at least N times; 1: urged at all. */
  urged: z.coerce.number().int().min(1).max(MOST_COUNTED).optional(),
  /** "true": the cases whose place lies outside the city (不在本市) only; "false": those in it. */
  outside: z.stringbool().optional(),
}) satisfies z.ZodType<CaseFilter, unknown>;

/**
 * The filters of the case list and its export: the dashboard's, and the cases overdue now. The
 * dashboard counts its overdue cases apart (当前超期案件), whatever its filter.
 */
export const ListFilterSchema = CaseFilterSchema.extend({
  /**
   * "true": only the cases overdue (已超期) now by the server's clock — a running deadline passed,
   * as each item's `overdue` — the longest overdue first.
   */
  overdue: z.literal("true").optional(),
});

/** The list's filters and its search, which its export takes too. */
export const ListSearchSchema = ListFilterSchema.extend({
  /**
   * A tracking number, a phone number (a clerk's: the cases left with it as contact), or words
   * to find in the cases' description and address.
   */
  q: z.string().trim().max(100).optional(),
});

/** The filter of `query`, its `overdue` read as the cases overdue at `now`. */
export function listFilterAt(
  { overdue, ...filter }: z.infer<typeof ListFilterSchema>,
  now: Date,
): CaseFilter {
  return overdue ? { ...filter, overdueAt: now } : filter;
}

/** The period a filter covers, defaulting to the 30 days up to `today`. */
export function periodOf(filter: CaseFilter, today: LocalDate): { from: LocalDate; to: LocalDate } {
  const to = filter.to ?? today;
  return { from: filter.from ?? addDays(to, -29), to };
}
