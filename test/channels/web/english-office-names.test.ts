/**
 * A citizen who chose English in the web chat reads the office in charge of their case by its
 * English name wherever it is named, over real HTTP against the whole service: the acceptance
 * notice (written in English though they stayed anonymous: their language is kept without a
 * name), the chat's answers about the case, and the status page in English. The Chinese status
 * page keeps the Chinese name.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/test-app.ts";
import {
  fileInEnglish,
  postForm,
  routeToUnitWithChat,
  startWithFiledComplaint,
  type WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";
import { deliver } from "../../support/outbox.ts";

/** The office routeToUnitWithChat routes to (the directory's first unit), in both languages. */
const OFFICE = { en: "Zhoukou City Urban Management Bureau", zh: "周口市城市管理局" };

describe("the office's English name in the web chat", { timeout: 60_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint(fileInEnglish));
    await routeToUnitWithChat(service, filed.trackingNo);
  });

  it("tells the acceptance with the office's English name", async () => {
    await deliver(service);
    const notice = (await citizen.poll()).messages.find((m) => m.author === "notice");
    expect(notice?.text).toContain(
      `Your report (no. ${filed.trackingNo}) has been accepted and passed to ${OFFICE.en}.`,
    );
  });

  it("answers which office has the report, and how long it takes, with the English name", async () => {
    await citizen.say("Which office has my report?");
    expect(citizen.text).toContain(`Your report ${filed.trackingNo} is with ${OFFICE.en}.`);
    await citizen.say("How long will it take?");
    expect(citizen.text).toContain(
      `Your report ${filed.trackingNo} (office in charge: ${OFFICE.en})`,
    );
    expect(citizen.text).not.toContain(OFFICE.zh);
  });

  it("shows the office in the case's history on the status page, in the page's language", async () => {
    const page = (lang: string) =>
      postForm(citizen, "/status", { trackingNo: filed.trackingNo, queryCode: filed.code, lang });

    const english = (await page("en")).html;
    expect(english).toContain(OFFICE.en);
    expect(english).not.toContain(OFFICE.zh);
    expect((await page("zh")).html).toContain(OFFICE.zh);
  });
});
