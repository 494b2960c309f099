/**
 * A unit's answer of thousands of characters in the web chat: a page has no message limit, so
 * the answer arrives under its heading in one notice, as the unit wrote it — every sentence,
 * its line breaks, "<" and "&" as typed — and so does the case's page in the chat (查看 编号).
 * The status page shows it whole too, each line a paragraph, escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import { deliver } from "../../support/outbox.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  startWithFiledComplaint,
  statusPageOf,
  type WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";

/** Over 6,000 characters in three paragraphs, with characters HTML would take for markup. */
const ANSWER = [
  "一、核查情况",
  Array.from({ length: 200 }, (_, i) => `第${i + 1}项，经现场核实已处理完毕。`).join(""),
  "二、费用说明",
  "维修费用<300元&由物业承担，不向住户收取。",
  "三、后续安排",
  Array.from({ length: 200 }, (_, i) => `第${i + 201}项，已列入回访计划。`).join(""),
].join("\n");

describe("a long answer in the web chat", { timeout: 60_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
    expect(ANSWER.length).toBeGreaterThan(6000);
    await answerCase(service.app, filed.trackingNo, ANSWER);
    await deliver(service);
  });
  afterAll(() => service.stop());

  it("arrives whole in one notice under its heading, line breaks and all, after the notice with the number", async () => {
    const notices = (await citizen.poll()).messages.filter((m) => m.author === "notice");
    const answer = notices.findIndex((m) => m.text === `处理意见：\n${ANSWER}`);
    expect(answer).toBeGreaterThan(0);
    expect(notices[answer - 1]!.text).toContain(`编号 ${filed.trackingNo}`);
    expect(notices[answer + 1]!.text).toBe("请告诉我们：您反映的问题解决了吗？");
  });

  it("shows the whole answer on the case's page in the chat", async () => {
    await citizen.say("查看我反映过的事");
    await citizen.tap(`查看 ${filed.trackingNo}`);
    const page = citizen.text;
    expect(page.startsWith(`编号：${filed.trackingNo}\n`)).toBe(true);
    expect(page).toContain(`\n${ANSWER}\n`);
  });

  it("shows the whole answer on the status page, each line a paragraph, escaped", async () => {
    const { html } = await statusPageOf(citizen, filed);
    // "第110项" reads as the emergency number on the page and becomes a tel: link; the words stay.
    const text = /<div class="answer-text">([\s\S]*?)<\/div>/
      .exec(html)?.[1]
      ?.replace(/<a class="tel" href="tel:\d+">(\d+)<\/a>/g, "$1");
    const escaped = (line: string) => line.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
    expect(text).toBe(
      ANSWER.split("\n")
        .map((line) => `<p>${escaped(line)}</p>`)
        .join(""),
    );
  });
});
