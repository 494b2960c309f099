/**
 * The answers' translations are asked of the LLM once and kept: every reader after reads the
 * kept one, and two readers at once ask once. A failure is not kept — the next reader asks again
 * — but not within ten minutes of it, so that readers during an outage do not each wait out
 * the LLM's timeout. The real store on SQLite, the real openai client against the fake server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createAnswerTranslations,
  RETRY_AFTER_FAILURE_MS,
} from "../../src/cases/answer-translations.ts";
import { createLlmAnswerTranslator } from "../../src/classification/llm-answer-translator.ts";
import type { AnswerTranslations } from "../../src/domain/answer-translation.ts";
import { createAnswerTranslationStore } from "../../src/storage/answer-translation-store.ts";
import { ANSWER, TRANSLATION, translationRequests } from "../support/answer-translation.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai.ts";
import { quietLogger } from "../notifications/helpers.ts";

describe("the translations of the answers, kept", { timeout: 60_000 }, () => {
  let world: CaseWorld;
  let openai: FakeOpenAi;
  let translations: AnswerTranslations;
  let trackingNo: string;
  let citizen = 7200;

  beforeAll(async () => {
    [world, openai] = await Promise.all([createCaseWorld("sqlite"), startFakeOpenAi()]);
  });
  afterAll(async () => {
    await openai?.close();
  });
  beforeEach(async () => {
    trackingNo = await world.file(++citizen);
    translations = createAnswerTranslations({
      store: createAnswerTranslationStore(world.db),
      translator: createLlmAnswerTranslator({
        baseUrl: openai.baseUrl,
        apiKey: "sk-test",
        model: "gpt-test",
        responseFormat: "json_object",
        timeoutMs: 1000,
        maxRetries: 0,
      }),
      clock: world.clock,
      logger: quietLogger(),
    });
  });

  const read = () => translations.translationOf({ trackingNo, text: ANSWER }, "en");
  const asked = () => translationRequests(openai).length;

  it("asks once and reads the kept translation after, also in another process", async () => {
    const before = asked();
    openai.script({ content: TRANSLATION });

    await expect(Promise.all([read(), read()])).resolves.toEqual([TRANSLATION, TRANSLATION]);
    const another = createAnswerTranslations({
      store: createAnswerTranslationStore(world.db),
      translator: { translate: () => Promise.reject(new Error("not asked")) },
      clock: world.clock,
      logger: quietLogger(),
    });
    await expect(another.translationOf({ trackingNo, text: ANSWER }, "en")).resolves.toBe(
      TRANSLATION,
    );

    expect(asked() - before).toBe(1);
  });

  it("asks nothing for a Chinese reader", async () => {
    const before = asked();
    await expect(translations.translationOf({ trackingNo, text: ANSWER }, "zh")).resolves.toBe(
      null,
    );
    expect(asked()).toBe(before);
  });

  it("asks again after a failure, but not within ten minutes of it", async () => {
    const before = asked();
    openai.script({ status: 503 });
    await expect(read()).resolves.toBeNull();

    world.clock.advance(RETRY_AFTER_FAILURE_MS - 1000);
    await expect(read()).resolves.toBeNull();
    expect(asked() - before).toBe(1);

    world.clock.advance(1000);
    openai.script({ content: TRANSLATION });
    await expect(read()).resolves.toBe(TRANSLATION);
    expect(asked() - before).toBe(2);
  });
});
