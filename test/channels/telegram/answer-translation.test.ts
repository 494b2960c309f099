/**
 * On Telegram too, a citizen who chose English gets the unit's answer with its machine
 * translation after the original, labelled, through the operator's LLM (the real openai client
 * against the fake OpenAI server); a Chinese citizen's answer goes as written, never to the LLM.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import {
  ANSWER,
  llmSettings,
  TRANSLATION,
  TRANSLATION_HEADING,
  translationRequests,
} from "../../support/answer-translation.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../../support/fake-openai.ts";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";
import { deliver, fileStreetLight } from "../../support/telegram-staff.ts";

/** Files an anonymous report in English; returns its tracking number. */
async function fileInEnglish(citizen: TelegramCitizen): Promise<string> {
  await citizen.command("/lang en");
  await citizen.tap("Report a problem");
  await citizen.say("楼下饭店卖过期食品");
  await citizen.tap("Yes, that's right");
  await citizen.say("Renmin Road 5, near the bus station");
  await citizen.tap("Chuanhui District");
  await citizen.say("3 days ago");
  await citizen.tap("No photos");
  await citizen.tap("Stay anonymous");
  await citizen.tap("Send");
  const no = /ZK-\d{8}-\d{4}/.exec(citizen.text)?.[0];
  if (!no) throw new Error(`no tracking number in:\n${citizen.text}`);
  return no;
}

describe("the unit's answer translated on Telegram", { timeout: 60_000 }, () => {
  let openai: FakeOpenAi;
  let service: TelegramService;

  beforeAll(async () => {
    // The classifier's requests are refused: the offline classifier files the reports.
    openai = await startFakeOpenAi();
    service = await startTelegramService({ env: llmSettings(openai) });
  });
  afterAll(async () => {
    await service.stop();
    await openai.close();
  });

  const textsOf = (citizen: TelegramCitizen) =>
    service.telegram.sentMessages(citizen.id).map((m) => m.text);

  it("sends an English reader the original, then the translation labelled as machine translation", async () => {
    const citizen = service.citizen();
    const no = await fileInEnglish(citizen);
    // Before the answer: the running outbox worker may deliver it at once.
    openai.script({ content: TRANSLATION });
    await answerCase(service.app.app, no, ANSWER);
    await deliver(service.app);
    const texts = textsOf(citizen);
    const original = texts.indexOf(`Answer:\n${ANSWER}`);
    expect(original, texts.join("\n---\n")).toBeGreaterThan(0);
    expect(texts[original + 1]).toBe(`${TRANSLATION_HEADING}\n${TRANSLATION}`);
    expect(translationRequests(openai)).toHaveLength(1);
  });

  it("sends a Chinese reader the answer as written, without asking the LLM", async () => {
    const asked = translationRequests(openai).length;
    const citizen = service.citizen();
    const no = await fileStreetLight(citizen);
    await answerCase(service.app.app, no, ANSWER);
    await deliver(service.app);
    expect(textsOf(citizen)).toContain(`处理意见：\n${ANSWER}`);
    expect(textsOf(citizen).join("\n")).not.toContain("机器翻译");
    expect(translationRequests(openai)).toHaveLength(asked);
  });
});
