/**
 * The stores the console's case pages, the routing queue and the staff cards read cases
 * through: built once by the composition root and handed to cases/.
 */
import { createCaseCardStore } from "./case-card-store.ts";
import { createCaseRecordStore } from "./case-record-store.ts";
import { createCitizenNoticeStore } from "./citizen-notices.ts";
import type { Logger } from "../logging/logger.ts";
import type { Db } from "./database.ts";
import { createRoutingSuggestionStore } from "./routing-suggestion-store.ts";

/** `logger` hears of stored data that does not read back (an unreadable routing explanation). */
export function createCaseReads(db: Db, logger: Logger) {
  return {
    records: createCaseRecordStore(db),
    cards: createCaseCardStore(db),
    suggestions: createRoutingSuggestionStore(db, logger),
    notices: createCitizenNoticeStore(db),
  };
}

export type CaseReads = ReturnType<typeof createCaseReads>;
