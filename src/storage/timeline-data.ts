/**
 * TimelineEntry.data: each entry's facts, validated against its kind's schema
 * when written and when read, so that no reader parses a note.
 */
import { z } from "zod";
import { AppError } from "../errors.ts";
import { TimelineFactSchema, type TimelineFact } from "../domain/lifecycle/timeline.ts";
import type { Prisma } from "../generated/sqlite/client.ts";

/**
 * The `data` column for an entry; omitted (NULL) for a kind without data.
 * @throws AppError("input.invalid") when the facts do not fit the kind.
 */
export function timelineDataColumn(fact: TimelineFact): { data?: Prisma.InputJsonValue } {
  const checked = TimelineFactSchema.safeEncode(fact);
  if (!checked.success) {
    throw new AppError(
      "input.invalid",
      `a "${fact.kind}" timeline entry with data that does not fit it: ${z.prettifyError(checked.error)}`,
    );
  }
  return checked.data.data === null ? {} : { data: checked.data.data };
}

/**
 * The facts of a stored entry.
 * @throws AppError("storage.unavailable") when the row's data does not fit its
 * kind (written by something other than this service, or an unknown kind).
 */
export function readTimelineFact(row: {
  readonly id: string;
  readonly kind: string;
  readonly data: unknown;
}): TimelineFact {
  const read = TimelineFactSchema.safeParse({ kind: row.kind, data: row.data ?? null });
  if (!read.success) {
    throw new AppError(
      "storage.unavailable",
      `timeline entry ${row.id} ("${row.kind}") holds data that does not fit its kind: ${z.prettifyError(read.error)}`,
      { cause: read.error },
    );
  }
  return read.data;
}
