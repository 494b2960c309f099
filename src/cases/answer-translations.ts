/**
 * The machine translations of the units' answers for citizens who read English: asked of the
 * translator (the LLM) once per answer and language, then kept and read by every notice and
 * page after. Without a translation the reader gets the original alone, as in Chinese.
 */
import type { Clock } from "../clock.ts";
import {
  readsTranslated,
  type AnswerTranslations,
  type AnswerTranslator,
  type CaseAnswer,
  type TranslatedLocale,
  type TranslationAhead,
} from "../domain/answer-translation.ts";
import type { Logger } from "../logging/logger.ts";
import type {
  AnswerInLocale,
  AnswerTranslationStore,
} from "../storage/answer-translation-store.ts";
import type { CaseLookup, StatusCaseDetail } from "../storage/case-lookup.ts";
import type { Locale } from "../domain/locale.ts";
import type { CitizenCases } from "../domain/intake/ports.ts";

/**
 * After a failure, the same answer is not asked again for this long. A failure is not kept: an
 * outage must not deny the translation for good, so a later reader (the next notice of the
 * answer, the status page) asks again; but not at once, so that pages read during an outage do
 * not each wait out the translator's timeout.
 */
export const RETRY_AFTER_FAILURE_MS = 10 * 60_000;

export interface AnswerTranslationsDeps {
  readonly store: AnswerTranslationStore;
  readonly translator: AnswerTranslator;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function createAnswerTranslations(deps: AnswerTranslationsDeps): AnswerTranslations {
  const { store, translator, clock } = deps;
  const logger = deps.logger.child({ component: "answer-translation" });
  /** Translations under way, so that two readers at once ask once. */
  const asking = new Map<string, Promise<string | null>>();
  /** When an answer's last translation failed, by key. */
  const failedAt = new Map<string, number>();

  function recentlyFailed(key: string): boolean {
    const since = clock.now().getTime() - (failedAt.get(key) ?? Number.NEGATIVE_INFINITY);
    if (since < RETRY_AFTER_FAILURE_MS) return true;
    failedAt.delete(key);
    return false;
  }

  /** Notes a failure, and forgets those older than the wait (answers no one read again). */
  function noteFailure(key: string): void {
    const now = clock.now().getTime();
    for (const [earlier, at] of failedAt) {
      if (now - at >= RETRY_AFTER_FAILURE_MS) failedAt.delete(earlier);
    }
    failedAt.set(key, now);
  }

  /** The translation made and kept; null when it failed or could not be kept (logged here). */
  async function translateAndKeep(answer: AnswerInLocale, key: string): Promise<string | null> {
    const outcome = await translator.translate(answer.answer, answer.locale);
    if (outcome.kind === "failed") {
      noteFailure(key);
      logger.warn(
        { caseNo: answer.trackingNo, locale: answer.locale, reason: outcome.reason },
        "answer shown untranslated: the translation failed",
      );
      return null;
    }
    try {
      await store.keep(answer, outcome.text, clock.now());
    } catch (error) {
      logUnreadable(answer, error);
      return null;
    }
    return outcome.text;
  }

  function logUnreadable({ trackingNo, locale }: AnswerInLocale, error: unknown): void {
    // Not the error itself: the client's message may quote the statement's values (the words).
    logger.error(
      { caseNo: trackingNo, locale, reason: errorKind(error) },
      "answer shown untranslated: its translation could not be read or kept",
    );
  }

  /** The translation under way (started now when none is), or null after a recent failure. */
  function making(answer: AnswerInLocale): Promise<string | null> | null {
    const key = `${answer.trackingNo}\n${answer.locale}\n${answer.answer}`;
    if (recentlyFailed(key)) return null;
    let pending = asking.get(key);
    if (!pending) {
      pending = translateAndKeep(answer, key).finally(() => asking.delete(key));
      asking.set(key, pending);
    }
    return pending;
  }

  /** The answer to translate, or null when the reader gets none (Chinese, an empty answer). */
  function answerInLocale({ trackingNo, text }: CaseAnswer, locale: Locale): AnswerInLocale | null {
    const answer = text.trim();
    if (!readsTranslated(locale) || answer === "") return null;
    return { trackingNo, answer, locale: locale satisfies TranslatedLocale };
  }

  /** The kept translation, or undefined when it cannot be read (logged). */
  async function kept(answer: AnswerInLocale): Promise<string | null | undefined> {
    try {
      return await store.find(answer);
    } catch (error) {
      logUnreadable(answer, error);
      return undefined;
    }
  }

  /**
   * The answer's translation as it stands: kept, being made (started now unless under way), or
   * none for this reader now (Chinese, a recent failure, a store that cannot be read).
   */
  async function lookUp(
    caseAnswer: CaseAnswer,
    locale: Locale,
  ): Promise<{ kept: string } | { making: Promise<string | null> } | null> {
    const answer = answerInLocale(caseAnswer, locale);
    if (answer === null) return null;
    const found = await kept(answer);
    if (found === undefined) return null;
    if (found !== null) return { kept: found };
    const pending = making(answer);
    return pending && { making: pending };
  }

  return {
    async translationOf(caseAnswer, locale): Promise<string | null> {
      const looked = await lookUp(caseAnswer, locale);
      if (looked === null) return null;
      return "kept" in looked ? looked.kept : looked.making;
    },
    async translationAhead(caseAnswer, locale): Promise<TranslationAhead> {
      const looked = await lookUp(caseAnswer, locale);
      if (looked === null) return { kind: "untranslated" };
      if ("kept" in looked) return { kind: "translated", text: looked.kept };
      return { kind: "making", made: looked.making.then(() => undefined) };
    },
  };
}

/**
 * The case look-ups of the status and 我的诉求 pages, a found case's answer with its translation
 * into the page's language when there is one (made at the first reading in that language).
 */
export function withAnswerTranslations(
  lookup: CaseLookup,
  translations: AnswerTranslations,
): CaseLookup {
  async function translated(detail: StatusCaseDetail, locale: Locale): Promise<StatusCaseDetail> {
    if (!detail.answer) return detail;
    const { trackingNo } = detail;
    const translation = await translations.translationOf(
      { trackingNo, text: detail.answer.text },
      locale,
    );
    return translation === null ? detail : { ...detail, answer: { ...detail.answer, translation } };
  }
  return {
    async find(trackingNo, queryCode, now, locale) {
      const found = await lookup.find(trackingNo, queryCode, now, locale);
      return found.kind === "found"
        ? { ...found, detail: await translated(found.detail, locale) }
        : found;
    },
    async forSupporter(trackingNo, supportedAt, now, locale) {
      const detail = await lookup.forSupporter(trackingNo, supportedAt, now, locale);
      return detail && translated(detail, locale);
    },
  };
}

/**
 * The citizen's cases as the chat shows them, a case's answer with its kept translation into
 * the reader's language after it. Never waits for the LLM (a chat turn must not): a translation
 * not kept yet is started, and the next look at the case shows it.
 */
export function withCitizenCaseTranslations(
  cases: CitizenCases,
  translations: AnswerTranslations,
): CitizenCases {
  return {
    list: (citizenRef) => cases.list(citizenRef),
    async get(citizenRef, trackingNo, locale) {
      const detail = await cases.get(citizenRef, trackingNo, locale);
      if (!detail?.answer) return detail;
      const ahead = await translations.translationAhead(
        { trackingNo: detail.trackingNo, text: detail.answer.text },
        locale,
      );
      if (ahead.kind !== "translated") return detail;
      return { ...detail, answer: { ...detail.answer, translation: ahead.text } };
    },
  };
}

/** An error's name and code, never its message. */
function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} ${code}` : error.name;
}
