/**
 * The filters of the case list, dashboard and export: a period of Shanghai
 * days (on the submission date), a region, a category, statuses.
 */
import { z } from "zod";
import { isLocalDate, startOfLocalDay, addDays, type LocalDate } from "../domain/calendar.ts";
import { CASE_STATUSES, type CaseStatus } from "../domain/lifecycle/case-status.ts";
import type { Prisma } from "../generated/sqlite/client.ts";

/** Days the service can have cases on: a date outside them is a client's mistake (400). */
const FIRST_DAY = "2000-01-01";
const LAST_DAY = "2099-12-31";

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
  /** Comma-separated statuses. */
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").filter(Boolean) : undefined))
    .pipe(z.array(z.enum(CASE_STATUSES as [CaseStatus, ...CaseStatus[]])).optional()),
});
export type CaseFilter = z.infer<typeof CaseFilterSchema>;

/** The Prisma condition for a filter. */
export function whereOf(filter: CaseFilter): Prisma.CaseWhereInput {
  return {
    ...((filter.from || filter.to) && {
      submittedAt: {
        ...(filter.from && { gte: startOfLocalDay(filter.from) }),
        ...(filter.to && { lt: startOfLocalDay(addDays(filter.to, 1)) }),
      },
    }),
    ...(filter.region && { regionCode: filter.region === "none" ? null : filter.region }),
    ...(filter.category && { categoryCode: filter.category }),
    ...(filter.status && { status: { in: filter.status } }),
  };
}

/** The period a filter covers, defaulting to the 30 days up to `today`. */
export function periodOf(filter: CaseFilter, today: LocalDate): { from: LocalDate; to: LocalDate } {
  const to = filter.to ?? today;
  return { from: filter.from ?? addDays(to, -29), to };
}
