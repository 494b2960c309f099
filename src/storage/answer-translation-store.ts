/**
 * The kept machine translations of the units' answers (AnswerTranslation): one per case, answer
 * and language, found again by the answer's text.
 */
import { createHash } from "node:crypto";
import type { TranslatedLocale } from "../domain/answer-translation.ts";
import { isUniqueViolation, type Db } from "./database.ts";

/** An answer of a case in one language. */
export interface AnswerInLocale {
  readonly trackingNo: string;
  /** The answer as the unit wrote it. */
  readonly answer: string;
  readonly locale: TranslatedLocale;
}

export interface AnswerTranslationStore {
  /** The kept translation of the answer, or null: none yet (or no such case). */
  find(key: AnswerInLocale): Promise<string | null>;
  /**
   * Keeps a translation; the one kept first stays (two instances translating at once). Nothing
   * is kept for a case that no longer exists.
   */
  keep(key: AnswerInLocale, translation: string, now: Date): Promise<void>;
}

/** The answer's fingerprint: a new answer (复查, 复核) or an edited one is another translation. */
function sourceHashOf(answer: string): string {
  return createHash("sha256").update(answer).digest("hex");
}

export function createAnswerTranslationStore(db: Db): AnswerTranslationStore {
  return {
    async find({ trackingNo, answer, locale }) {
      const row = await db.answerTranslation.findFirst({
        where: { case: { trackingNo }, sourceHash: sourceHashOf(answer), locale },
        select: { text: true },
      });
      return row?.text ?? null;
    },
    async keep({ trackingNo, answer, locale }, translation, now) {
      const owner = await db.case.findUnique({ where: { trackingNo }, select: { id: true } });
      if (!owner) return;
      try {
        await db.answerTranslation.create({
          data: {
            caseId: owner.id,
            sourceHash: sourceHashOf(answer),
            locale,
            text: translation,
            createdAt: now,
          },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },
  };
}
