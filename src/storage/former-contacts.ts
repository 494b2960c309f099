/**
 * The contacts a case kept before its contact changed (CaseFormerContact): kept in the
 * transaction of the change, as the case's columns had them, and read back with the case by
 * whoever masks or searches its words.
 */
import type { HeldContact, LeftContact } from "../domain/identity-in-text.ts";
import type { Db, Tx } from "./database.ts";
import { HOLDER_SELECT, holderOf, type HolderColumns } from "./holder-columns.ts";

/** A former contact's columns, named as the case's own. */
export interface FormerContactColumns extends HolderColumns {
  readonly contactName: string | null;
  readonly contactPhone: string | null;
}

/** The relation to select (or include) for `formerContactsOf`, oldest first. */
export const FORMER_CONTACTS_SELECT = {
  formerContacts: {
    select: { contactName: true, contactPhone: true, ...HOLDER_SELECT },
    orderBy: { replacedAt: "asc" },
  },
} as const;

/** The former contacts of a row read with FORMER_CONTACTS_SELECT. */
export function formerContactsOf(row: {
  readonly formerContacts: readonly FormerContactColumns[];
}): HeldContact[] {
  return row.formerContacts.map((each) => ({
    name: each.contactName,
    phone: each.contactPhone,
    holder: holderOf(each),
  }));
}

/**
 * The columns to select for `leftContactOf`: the contact a case keeps and the ones it kept
 * before (the relation is read for all the rows of one findMany in one more query, not one
 * per row).
 */
export const LEFT_CONTACT_SELECT = {
  contactName: true,
  contactPhone: true,
  ...HOLDER_SELECT,
  ...FORMER_CONTACTS_SELECT,
} as const;

/**
 * The contact a case keeps, with the ones it kept before, of a row read with
 * LEFT_CONTACT_SELECT: what every reader outside the clerks masks the citizen's words by.
 */
export function leftContactOf(
  row: FormerContactColumns & { readonly formerContacts: readonly FormerContactColumns[] },
): LeftContact {
  return {
    name: row.contactName,
    phone: row.contactPhone,
    holder: holderOf(row),
    former: formerContactsOf(row),
  };
}

/**
 * The cases one read of former contacts asks for at most: Prisma gives SQLite an `IN` of 999
 * parameters at most, and an ordered read it cannot split fails beyond (P2029) — an export's
 * batch holds 2,000 cases.
 */
const CASES_A_READ = 900;

/** The former contacts of the cases `caseIds`, by case id, oldest first (a case with none: absent). */
export async function formerContactsByCase(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, HeldContact[]>> {
  const byCase = new Map<string, HeldContact[]>();
  for (let first = 0; first < caseIds.length; first += CASES_A_READ) {
    const rows = await db.caseFormerContact.findMany({
      where: { caseId: { in: caseIds.slice(first, first + CASES_A_READ) } },
      select: { caseId: true, ...FORMER_CONTACTS_SELECT.formerContacts.select },
      orderBy: FORMER_CONTACTS_SELECT.formerContacts.orderBy,
    });
    for (const row of rows) {
      const held = formerContactsOf({ formerContacts: [row] });
      byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), ...held]);
    }
  }
  return byCase;
}

/**
 * Keeps the contact `before` as one the case no longer keeps, replaced at `at`. An anonymous
 * case's contact is not kept: its citizen asked never to be found by it, and it names no one.
 */
export async function keepFormerContact(
  tx: Tx,
  caseId: string,
  before: FormerContactColumns & { readonly anonymous: boolean },
  at: Date,
): Promise<void> {
  if (before.anonymous || (before.contactName === null && before.contactPhone === null)) return;
  const { contactName, contactPhone, contactHolderRelation, contactHolderName } = before;
  await tx.caseFormerContact.create({
    data: {
      caseId,
      contactName,
      contactPhone,
      contactHolderRelation,
      contactHolderName,
      replacedAt: at,
    },
  });
}
