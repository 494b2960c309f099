/**
 * On WeCom (微信客服) too, a citizen who chose English gets the unit's answer with its machine
 * translation after the original, labelled, through the operator's LLM (the real openai client
 * against the fake OpenAI server), by kf/send_msg to the fake WeCom server: also when WeCom's
 * reply window held the rest of the notice, which then goes in the digest when the citizen
 * writes again.
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
import { deliver } from "../../support/outbox.ts";
import {
  sentText,
  startWeComCitizenWorld,
  type WeComCitizen,
  type WeComCitizenWorld,
} from "./wecom-citizen.ts";

/** Files the street-light complaint in English, anonymously; returns its tracking number. */
async function fileInEnglish(citizen: WeComCitizen): Promise<string> {
  await citizen.say("/lang en");
  await citizen.click("Report a problem");
  await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
  await citizen.click("Yes, that's right");
  await citizen.say("川汇区七一路和八一路交叉口东边");
  await citizen.say("3 days ago");
  await citizen.click("No photos");
  await citizen.click("Stay anonymous");
  await citizen.click("Send");
  const no = /ZK-\d{8}-\d{4}/.exec(citizen.text)?.[0];
  if (!no) throw new Error(`no tracking number in:\n${citizen.text}`);
  return no;
}

describe("the unit's answer translated on WeCom", { timeout: 60_000 }, () => {
  let openai: FakeOpenAi;
  let world: WeComCitizenWorld;

  beforeAll(async () => {
    // The classifier's requests are refused: the offline classifier files the reports.
    openai = await startFakeOpenAi();
    world = await startWeComCitizenWorld(() => llmSettings(openai));
  });
  afterAll(async () => {
    await world.stop();
    await openai.close();
  });

  it("sends an English reader the original, then the translation labelled, also after a hold", async () => {
    const citizen = world.citizen;
    const no = await fileInEnglish(citizen);
    const asked = translationRequests(openai).length;
    openai.script({ content: TRANSLATION });
    await answerCase(world.service.app, no, ANSWER);
    await deliver(world.service);
    // The receipt and four messages of notices fill WeCom's window of five after the citizen's
    // last message: the translation is held until the citizen writes again.
    const sent = () => world.fake.kfSent(citizen.id).map(sentText);
    expect(sent().at(-1)).toBe(`Answer:\n${ANSWER}`);

    await citizen.say("thanks");
    await deliver(world.service);
    const texts = sent();
    const original = texts.indexOf(`Answer:\n${ANSWER}`);
    expect(texts.slice(original + 1), texts.join("\n---\n")).toContain(
      `${TRANSLATION_HEADING}\n${TRANSLATION}`,
    );
    expect(translationRequests(openai).slice(asked)).toHaveLength(1);
  });
});
