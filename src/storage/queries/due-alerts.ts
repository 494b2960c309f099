/**
 * The cases whose next alert time has come (Case.nextAlertAt, indexed), in
 * batches ordered by that time: what the deadline scheduler reads. Its cost
 * grows with the alerts due, not with the cases running.
 */
import type { Case } from "../../domain/lifecycle/case.ts";
import type { AlertHistory } from "../../domain/lifecycle/reminders.ts";
import { CASE_INCLUDE, toDomainCase, type CaseRow } from "../case-rows.ts";
import type { Db } from "../database.ts";

export interface DueCase {
  /** The row id and version, to reschedule the case when nothing is due after all. */
  readonly id: string;
  readonly version: number;
  readonly subject: Case;
  readonly alerts: AlertHistory;
}

export function createDueAlertsQuery(db: Db) {
  return {
    /** Every case whose alert time is `now` or earlier, `size` at a time. */
    async *due(now: Date, size: number): AsyncGenerator<DueCase[]> {
      let last: { at: Date; id: string } | null = null;
      for (;;) {
        const rows: CaseRow[] = await db.case.findMany({
          where: {
            nextAlertAt: { lte: now },
            ...(last && {
              OR: [{ nextAlertAt: { gt: last.at } }, { nextAlertAt: last.at, id: { gt: last.id } }],
            }),
          },
          orderBy: [{ nextAlertAt: "asc" }, { id: "asc" }],
          take: size,
          include: CASE_INCLUDE,
        });
        if (rows.length > 0) {
          yield rows.map((row) => ({
            id: row.id,
            version: row.version,
            subject: toDomainCase(row),
            alerts: { lastReminderAt: row.lastReminderAt, lastEscalationAt: row.lastEscalationAt },
          }));
        }
        if (rows.length < size) return;
        const end = rows.at(-1)!;
        last = { at: end.nextAlertAt!, id: end.id };
      }
    },
  };
}

export type DueAlertsQuery = ReturnType<typeof createDueAlertsQuery>;
