/**
 * Whose a case's contact phone is, in its two columns, and back: both null is the citizen's
 * own number (every case filed before the holder was kept reads so).
 */
import type { NumberHolder } from "../domain/identity-in-text.ts";

export interface HolderColumns {
  readonly contactHolderRelation: string | null;
  readonly contactHolderName: string | null;
}

/** The columns of `holder`; both null when the phone is the citizen's own. */
export function holderColumns(holder: NumberHolder | null | undefined): HolderColumns {
  return {
    contactHolderRelation: holder?.relation ?? null,
    contactHolderName: holder?.name ?? null,
  };
}

/** The holder stored in a case's columns; null: the citizen's own number. */
export function holderOf(row: HolderColumns): NumberHolder | null {
  return row.contactHolderRelation === null
    ? null
    : { relation: row.contactHolderRelation, name: row.contactHolderName };
}

/** The columns to select for `holderOf`. */
export const HOLDER_SELECT = { contactHolderRelation: true, contactHolderName: true } as const;
