/**
 * A case's group complaint (群体诉求) in its three columns, and back: the columns are the fact,
 * never words to parse again; a row whose columns do not make a group (all null, or a count
 * without its unit) reads as none.
 */
import {
  GroupComplaintSchema,
  readGroupComplaint,
  type GroupComplaint,
} from "../domain/group-complaint.ts";
import type { GroupUnit, WholeGroup } from "../domain/vocabulary.ts";

export interface GroupColumns {
  readonly groupAtLeast: number | null;
  readonly groupUnit: GroupUnit | null;
  readonly groupWhole: WholeGroup | null;
}

/** The columns of the group the filed description speaks for (all null for one person). */
export function groupColumnsOf(description: string): GroupColumns {
  return columnsOfGroup(readGroupComplaint(description));
}

/** The columns of `group` (all null for none). */
export function columnsOfGroup(group: GroupComplaint | null): GroupColumns {
  return {
    groupAtLeast: group?.count?.atLeast ?? null,
    groupUnit: group?.count?.unit ?? null,
    groupWhole: group?.whole ?? null,
  };
}

/** The group stored in a case's columns; null when it speaks for one person. */
export function groupOf(row: GroupColumns): GroupComplaint | null {
  const count =
    row.groupAtLeast !== null && row.groupUnit !== null
      ? { atLeast: row.groupAtLeast, unit: row.groupUnit }
      : null;
  const parsed = GroupComplaintSchema.safeParse({ count, whole: row.groupWhole });
  return parsed.success ? parsed.data : null;
}

/** The columns to select for `groupOf`. */
export const GROUP_SELECT = { groupAtLeast: true, groupUnit: true, groupWhole: true } as const;
