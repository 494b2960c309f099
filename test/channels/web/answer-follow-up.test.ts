/**
 * Every answer reaches a rating (有信必复), in the web chat, over real HTTP against the whole
 * service. An answer that promises a day (承诺办结日期) says it; the day after it (Shanghai), the
 * deadline round asks the citizen once whether it was done, with the answer's rating buttons,
 * which rate it; an answer without one is asked about a week after it. An answer rated before,
 * or taken to a review, is not asked about. The day stays with the answer wherever it is read
 * again, and the question in the citizen's history of the case: the chat's case and the status
 * page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../../../src/domain/calendar.ts";
import { answerCase } from "../../support/answered-case.ts";
import { deliver } from "../../support/outbox.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { WebCitizen, fileComplaint, postForm, type WebFiling } from "./web-citizen.ts";

const MINUTE = 60_000;
const WEEK = 7 * 86_400_000;
const WORK = "工资将于3天内发放。";
const REVIEW_BY = "如果您对答复不满意，可以在 2026年12月28日前申请复查。";

/** A day as the citizen reads it: 2026年12月1日. */
function written(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return `${year}年${month}月${date}日`;
}

describe("an answer's promised day in the web chat", { timeout: 60_000 }, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.stop());

  /** A citizen whose complaint the unit answered, with `promisedBy` if given, its notices read. */
  async function answeredWithPromise(promisedBy?: string) {
    const citizen = new WebCitizen(service.url);
    const filed: WebFiling = await fileComplaint(citizen);
    await answerCase(service.app, filed.trackingNo, WORK, promisedBy);
    await deliver(service);
    await citizen.poll();
    return { citizen, no: filed.trackingNo, code: filed.code };
  }

  /** The deadline round at `instant`, its notices delivered. */
  async function roundAt(instant: Date) {
    service.clock.set(instant);
    const result = await service.app.deadlines.runOnce();
    await deliver(service);
    return result;
  }

  const notices = (citizen: WebCitizen) =>
    [...citizen.messages.values()].filter((m) => m.author === "notice");
  const followUps = (no: string) =>
    service.app.db.outboxMessage.count({
      where: { case: { trackingNo: no }, kind: "answer_follow_up" },
    });

  it("says the promised day in the answer, asks the day after it once, and rates by its buttons", async () => {
    const promisedBy = addDays(localDateOf(service.clock.now()), 3);
    const dayAfter = startOfLocalDay(addDays(promisedBy, 1));
    const { citizen, no } = await answeredWithPromise(promisedBy);
    const said = notices(citizen)
      .map((m) => m.text)
      .join("\n");
    expect(said).toContain("办理单位承诺于 2026年12月1日 前办好。");
    expect(said).toContain(WORK);

    expect(await roundAt(new Date(dayAfter.getTime() - MINUTE))).toMatchObject({ followedUp: 0 });
    expect(await followUps(no)).toBe(0);

    expect(await roundAt(new Date(dayAfter.getTime() + MINUTE))).toMatchObject({ followedUp: 1 });
    await citizen.poll();
    const asked = notices(citizen).at(-1)!;
    expect(asked.text).toBe(
      `编号 ${no} 的答复说 2026年12月1日 前办好，现在事情解决了吗？\n${REVIEW_BY}`,
    );
    expect(asked.choices?.flat().map((c) => c.label)).toEqual(["已解决", "未解决"]);

    // Asked once: neither the same round again nor the next day asks again.
    expect(await roundAt(new Date(dayAfter.getTime() + 2 * MINUTE))).toMatchObject({
      followedUp: 0,
    });
    expect(await roundAt(new Date(dayAfter.getTime() + 86_400_000))).toMatchObject({
      followedUp: 0,
    });
    expect(await followUps(no)).toBe(1);

    await citizen.tap("已解决");
    expect(citizen.text).toContain("您对这次办理满意吗");
    await citizen.tap("基本满意");
    expect(citizen.text).toContain(`谢谢您的评价（编号 ${no}）`);
    expect(
      await service.app.db.rating.findFirstOrThrow({ where: { case: { trackingNo: no } } }),
    ).toMatchObject({ solved: true, satisfaction: "basically_satisfied" });
  });

  it("asks about an answer without a promised day once, a week after it, and shows the question in the citizen's history", async () => {
    const { citizen, no, code } = await answeredWithPromise();
    const { answeredAt } = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
    });
    const week = answeredAt!.getTime() + WEEK;
    expect(await roundAt(new Date(week - MINUTE))).toMatchObject({ followedUp: 0 });

    expect(await roundAt(new Date(week + MINUTE))).toMatchObject({ followedUp: 1 });
    expect(await roundAt(new Date(week + 2 * MINUTE))).toMatchObject({ followedUp: 0 });
    await citizen.poll();
    const asked = notices(citizen).at(-1)!;
    const [question, review] = asked.text!.split("\n");
    expect(question).toBe(
      `编号 ${no} 已于 ${written(localDateOf(answeredAt!))} 答复，事情解决了吗？`,
    );
    expect(review).toMatch(/^如果您对答复不满意，可以在 \d{4}年\d{1,2}月\d{1,2}日前申请复查。$/);
    expect(asked.choices?.flat().map((c) => c.label)).toEqual(["已解决", "未解决"]);

    await citizen.say(`/status ${no}`);
    expect(citizen.text).toContain("问您事情是否解决了");
    const { html } = await postForm(citizen, "/status", { trackingNo: no, queryCode: code });
    expect(html).toContain("问您事情是否解决了");
  });

  it("does not ask about an answer rated before the day, nor one taken to a review", async () => {
    const promisedBy = addDays(localDateOf(service.clock.now()), 1);
    const rated = await answeredWithPromise(promisedBy);
    const reviewed = await answeredWithPromise(promisedBy);
    await rated.citizen.tap("未解决");
    await rated.citizen.tap("不满意");
    await reviewed.citizen.tap("未解决");
    await reviewed.citizen.tap("不满意");
    await reviewed.citizen.tap("申请复查");

    const dayAfter = startOfLocalDay(addDays(promisedBy, 1));
    expect(await roundAt(new Date(dayAfter.getTime() + MINUTE))).toMatchObject({ followedUp: 0 });
    expect(await followUps(rated.no)).toBe(0);
    expect(await followUps(reviewed.no)).toBe(0);
  });

  it("shows the promised day with the answer in the chat's case and on the status page", async () => {
    const promisedBy = addDays(localDateOf(service.clock.now()), 3);
    const { citizen, no, code } = await answeredWithPromise(promisedBy);

    await citizen.say(`/status ${no}`);
    expect(citizen.text).toContain(`${WORK}\n承诺 ${written(promisedBy)} 前办好。`);
    const { html } = await postForm(citizen, "/status", { trackingNo: no, queryCode: code });
    expect(html).toContain(
      `承诺办好的日期：<time datetime="${promisedBy}">${written(promisedBy)}</time>`,
    );
  });
});
