/**
 * A handler answering from the WeCom app gives the promised day (承诺办结日期) as the console
 * does: after the answer's words the app asks once in the chat which day; the day is kept with
 * the answer and told to the citizen in WeChat. A day the app cannot read or one out of range
 * (today to the day before the review deadline) is refused with the question asked again, the
 * answer's words kept; "不需要" sends the answer without one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeWeCom } from "../../support/fake-wecom.ts";
import type { TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import { sentText, type WeComCitizen } from "./wecom-citizen.ts";
import { startWeComStaffWorld, type WeComStaffWorld } from "./wecom-staff.ts";

const HANDLER = "unit-handler-1";

describe("a promised day given with an answer in the WeCom app", { timeout: 60_000 }, () => {
  let world: WeComStaffWorld;
  let fake: FakeWeCom;
  let service: TestApp;

  beforeAll(async () => {
    world = await startWeComStaffWorld(HANDLER);
    ({ fake, service } = world);
  });
  afterAll(() => world.stop());

  const write = (text: string) => world.answerTo(HANDLER, fake.appText(HANDLER, text).xml);
  const caseRow = (no: string) =>
    service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });

  /**
   * A new case of a citizen of its own, routed to its unit and started by its handler 王五, who
   * has pressed 答复 (支持) and typed the answer's words; what the app said to them.
   */
  async function answerTyped(): Promise<{ no: string; citizen: WeComCitizen; asked: string }> {
    const citizen = world.newCitizen();
    const { no, card } = await world.assignedCase(citizen);
    await world.post(fake.pressCardButton(HANDLER, card.task_id, `st|${no}`).xml);
    await waitUntil(() => fake.currentCard(card.task_id)!.card.button_list[0]?.key === `an|${no}`);
    const asked = world.textsTo(HANDLER).length;
    await world.post(fake.pressCardButton(HANDLER, card.task_id, `an|${no}`, "support").xml);
    await waitUntil(() => world.textsTo(HANDLER).length > asked);
    return { no, citizen, asked: await write("路灯线路老化，已安排更换。") };
  }

  it("is asked after the answer's words, kept with the answer and told to the citizen", async () => {
    const { no, citizen, asked } = await answerTyped();
    expect(asked).toBe(
      `${no} 承诺哪天办好？请回复日期，如 12月20日、下周五；不需要承诺就回复“不需要”。答复在您回复后发给反映人。`,
    );
    expect((await caseRow(no)).status).toBe("in_progress");

    await citizen.say("请问处理得怎么样了"); // the citizen's window is open
    expect(await write("2026年12月20日")).toBe(`已处理：${no}`);
    expect(await caseRow(no)).toMatchObject({
      status: "answered",
      answerText: "路灯线路老化，已安排更换。",
      answerPromisedBy: "2026-12-20",
    });
    await waitUntil(() =>
      fake.kfSent(citizen.id).some((m) => sentText(m).includes("路灯线路老化，已安排更换。")),
    );
    const told = fake.kfSent(citizen.id).map(sentText).join("\n");
    expect(told).toContain("办理单位承诺于 2026年12月20日 前办好。");
  });

  it("is asked again, the answer's words kept, after a day not read or out of range; 不需要 sends the answer without one", async () => {
    const { no } = await answerTyped();
    expect(await write("尽快")).toContain("没看懂这个日期，答复还没有发出。");
    // The review deadline is 2026-12-28: the promise must come before it.
    expect(await write("12/28")).toBe(
      `承诺日期须在今天到反映人申请复查期限的前一天之间，答复还没有发出。请重新回复 ${no} 承诺办好的日期，不需要承诺就回复“不需要”。`,
    );
    expect(await caseRow(no)).toMatchObject({ status: "in_progress", answerPromisedBy: null });

    expect(await write("不需要")).toBe(`已处理：${no}`);
    expect(await caseRow(no)).toMatchObject({
      status: "answered",
      answerText: "路灯线路老化，已安排更换。",
      answerPromisedBy: null,
      // Without a promise, the answer is still followed up, a week after it (answer-follow-up.ts).
      followUpAt: expect.any(Date),
    });
  });
});
