/**
 * A notice to a reader of English never holds back anyone else's: the answer's translation is
 * made off the delivery round. A round gives the English answer notice back while the LLM
 * translates and sends the other citizens' notices at once; the English notice goes once the
 * translation is kept (original, then translation), or with the original alone when the LLM
 * fails or the instance that asked it is gone. Nothing goes twice. The web chat's citizens, the
 * real openai client against the fake OpenAI server, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../support/answered-case.ts";
import {
  ANSWER,
  llmSettings,
  TRANSLATION,
  TRANSLATION_HEADING,
  translationRequests,
} from "../support/answer-translation.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeOpenAi, type FakeOpenAi, type FakeReply } from "../support/fake-openai.ts";
import { deliver } from "../support/outbox.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { waitUntil } from "../support/wait.ts";
import { fileComplaint, fileInEnglish, WebCitizen } from "../channels/web/web-citizen.ts";

/** The chat's notices, in order. */
async function noticesOf(citizen: WebCitizen): Promise<string[]> {
  return (await citizen.poll()).messages
    .filter((m) => m.author === "notice")
    .map((m) => m.text ?? "");
}

const ENGLISH_ANSWER = `Answer:\n${ANSWER}`;
const CHINESE_ANSWER = `处理意见：\n${ANSWER}`;

/** A reply of the fake LLM held until `release` is called with the reply to give. */
function heldReply(): { reply: FakeReply; release: (reply: FakeReply) => void } {
  let release!: (reply: FakeReply) => void;
  const held = new Promise<FakeReply>((resolve) => (release = resolve));
  return { reply: { held }, release };
}

/** Log lines of one message, parsed. */
function linesSaying(logLines: readonly string[], msg: string) {
  return logLines
    .map((line) => JSON.parse(line) as { msg?: string; caseNo?: string; reason?: string })
    .filter((line) => line.msg === msg);
}

describe.each(PROVIDERS)(
  "an English reader's answer translated off the delivery round on %s",
  { timeout: 90_000 },
  (provider) => {
    let openai: FakeOpenAi;
    let service: TestApp;
    const logLines: string[] = [];

    beforeAll(async () => {
      // The classifier's requests are refused: the offline classifier files the complaints.
      openai = await startFakeOpenAi();
      service = await startTestApp({
        provider,
        logLines,
        // A timeout far beyond the test: only the held reply decides when the LLM answers.
        env: { ...llmSettings(openai), LLM_TIMEOUT_MS: "600000" },
      });
      // The test runs the rounds itself.
      await service.app.outboxWorker.stop();
    });
    afterAll(async () => {
      await service.stop();
      await openai.close();
    });

    /**
     * A citizen who reads English and one who reads Chinese, both answered (the English one
     * first), their earlier notices delivered; the LLM's `reply` is scripted after the filings.
     */
    async function bothAnswered(reply: FakeReply) {
      const english = new WebCitizen(service.url);
      const englishCase = await fileInEnglish(english);
      const chinese = new WebCitizen(service.url);
      const chineseCase = await fileComplaint(chinese);
      await deliver(service);
      const asked = translationRequests(openai).length;
      openai.script(reply);
      await answerCase(service.app, englishCase.trackingNo, ANSWER);
      await answerCase(service.app, chineseCase.trackingNo, ANSWER);
      return { english, chinese, englishNo: englishCase.trackingNo, asked };
    }

    /**
     * Runs the rounds up to the one that gives the English answer notice back (the case's
     * earlier notices, accepted and in progress, go first; the Chinese answer is in it too),
     * then waits for the translation's request to reach the LLM, which holds its reply.
     */
    async function roundGivingBack(asked: number): Promise<void> {
      let rounds = 0;
      while ((await service.app.outboxWorker.runOnce()).awaitingTranslation !== 1) {
        if (++rounds === 5) throw new Error("no round gave the English answer notice back");
      }
      await waitUntil(() => translationRequests(openai).length === asked + 1);
    }

    it("sends the Chinese reader's notice in the round while the LLM holds the translation, then the English one with it", async () => {
      const llm = heldReply();
      const { english, chinese, asked } = await bothAnswered(llm.reply);

      await roundGivingBack(asked);

      expect(await noticesOf(chinese)).toContain(CHINESE_ANSWER);
      expect(await noticesOf(english)).not.toContain(ENGLISH_ANSWER);

      llm.release({ content: TRANSLATION });
      await deliver(service);
      const notices = await noticesOf(english);
      const original = notices.indexOf(ENGLISH_ANSWER);
      expect(original, notices.join("\n---\n")).toBeGreaterThan(0);
      expect(notices[original + 1]).toBe(`${TRANSLATION_HEADING}\n${TRANSLATION}`);
      expect(notices.filter((text) => text === ENGLISH_ANSWER)).toHaveLength(1);
      expect(translationRequests(openai).slice(asked)).toHaveLength(1);
    });

    it("sends the English reader the original alone when the LLM fails, logged once with the case number", async () => {
      const llm = heldReply();
      const { english, chinese, englishNo, asked } = await bothAnswered(llm.reply);

      await roundGivingBack(asked);
      expect(await noticesOf(chinese)).toContain(CHINESE_ANSWER);

      llm.release({ status: 503, message: "overloaded" });
      await deliver(service);
      const notices = await noticesOf(english);
      expect(notices.filter((text) => text === ENGLISH_ANSWER)).toHaveLength(1);
      expect(notices.join("\n")).not.toContain("Machine translation");
      const fallbacks = linesSaying(logLines, "answer shown untranslated: the translation failed");
      expect(fallbacks.filter((line) => line.caseNo === englishNo)).toEqual([
        expect.objectContaining({ reason: "http: 503 overloaded" }),
      ]);
      for (const line of logLines) expect(line).not.toContain("路灯线路");
    });

    it("sends the original alone from another instance once the wait is over, the instance that asked the LLM gone quiet", async () => {
      const llm = heldReply();
      const { english, englishNo, asked } = await bothAnswered(llm.reply);
      await roundGivingBack(asked);
      const other = await service.another();
      await other.app.outboxWorker.stop();
      openai.script({ content: TRANSLATION });

      // Not due before the wait is over: the first instance may still answer it.
      await other.app.outboxWorker.drain();
      expect(await noticesOf(english)).not.toContain(ENGLISH_ANSWER);
      service.clock.advance(600_000 + 2_000);
      await other.app.outboxWorker.drain();

      const notices = await noticesOf(english);
      expect(notices.filter((text) => text === ENGLISH_ANSWER)).toHaveLength(1);
      expect(notices.join("\n")).not.toContain("Machine translation");
      const late = linesSaying(
        logLines,
        "answer sent untranslated: its translation was not ready in time",
      );
      expect(late).toEqual([expect.objectContaining({ caseNo: englishNo })]);
      // The other instance's translation is kept for the status page; the first one's goes too.
      llm.release({ content: TRANSLATION });
      await deliver(service);
      expect(translationRequests(openai).slice(asked)).toHaveLength(2);
      expect(
        (await noticesOf(english)).filter((text) => text.startsWith(TRANSLATION_HEADING)),
      ).toHaveLength(0);
    });
  },
);
