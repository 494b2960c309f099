/**
 * Whose a case's contact phone is, in its two columns, and back: both null is the citizen's
 * own number (every case filed before the holder was kept reads so).
 */
import { holderRelationOf, type NumberHolder } from "../domain/holder-relations.ts";

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

/**
 * The holder stored in a case's columns; null: the citizen's own number. The relation is a
 * HOLDER_RELATIONS code; cases filed before the codes kept the Chinese word said (儿子, 闺女),
 * which reads as its code.
 */
export function holderOf(row: HolderColumns): NumberHolder | null {
  return row.contactHolderRelation === null
    ? null
    : { relation: holderRelationOf(row.contactHolderRelation), name: row.contactHolderName };
}

/** The columns to select for `holderOf`. */
export const HOLDER_SELECT = { contactHolderRelation: true, contactHolderName: true } as const;
