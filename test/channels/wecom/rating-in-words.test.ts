/**
 * A WeChat citizen has no rating buttons under the answer in 微信客服: they rate it by
 * writing back ("修好了，谢谢"), say yes to the rating offered, and it is stored through the
 * case's rate action as the buttons elsewhere store it. After 未解决 or 不满意 the review the
 * case's stage allows is offered: 申请复查 of the answer, 申请复核 of the 复查 opinion.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerCase, answerReview } from "../../support/answered-case.ts";
import type { TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import {
  fileComplaint,
  sentText,
  startWeComCitizenWorld,
  type WeComCitizen,
  type WeComCitizenWorld,
} from "./wecom-citizen.ts";

describe("rating an answer in words on WeCom", { timeout: 60_000 }, () => {
  let service: TestApp;
  let citizen: WeComCitizen;
  let world: WeComCitizenWorld;

  beforeEach(async () => {
    world = await startWeComCitizenWorld();
    ({ service, citizen } = world);
  });
  afterEach(() => world.stop());

  /**
   * Waits until the unit's answer (or review opinion) reached the chat: its notices go out on
   * their own, and what the citizen reads next is the service's reply to what they write.
   */
  async function answerReached(words: string): Promise<void> {
    await waitUntil(() => world.fake.kfSent(citizen.id).some((m) => sentText(m).includes(words)));
    citizen.collect();
  }

  it("stores 修好了，谢谢 as 已解决，满意 after the citizen's yes", async () => {
    const no = await fileComplaint(citizen);
    await answerCase(service.app, no);

    await citizen.say("修好了，谢谢");
    expect(citizen.text).toContain(`要把诉求 ${no} 的答复评为「已解决，满意」吗？`);
    expect(await service.app.db.rating.count()).toBe(0);

    await citizen.say("好的");
    expect(citizen.text).toContain(`谢谢您的评价（编号 ${no}）`);
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      solved: true,
      satisfaction: "satisfied",
    });

    await citizen.say("满意");
    expect(citizen.text).toContain(`您是在说 ${no} 的答复吧`);
    expect(await service.app.db.rating.count()).toBe(1);
  });

  it("offers 申请复查 after an unsatisfied rating of the answer, and 申请复核 after one of the 复查 opinion", async () => {
    const no = await fileComplaint(citizen);
    await answerCase(service.app, no);
    await answerReached("路灯已于今日修复。");
    await citizen.say("还是没修");
    await citizen.say("好的");
    expect(citizen.text).toContain(`对编号 ${no} 的答复不服的，可以申请复查，最晚`);
    expect(citizen.text).toContain("复查由办理单位的上一级机关办理");
    await citizen.say("灯还是不亮");
    await citizen.click("申请复查");
    expect(citizen.text).toContain(`已为编号 ${no} 申请复查`);

    await answerReview(service.app, no);
    await answerReached("经复查，另一盏路灯已列入本月维修计划。");
    await citizen.say("复查了还是没修");
    await citizen.say("好的");
    expect(citizen.text).toContain(`对编号 ${no} 的复查意见仍然不服的，可以申请复核，最晚`);
    expect(citizen.text).toContain("复核由复查机关的上一级机关办理");
    const offer = citizen.replies.map(sentText).filter((t) => t.includes("申请复核"));
    expect(offer.join("\n")).not.toContain("申请复查");
    await citizen.click("申请复核");
    expect(citizen.text).toContain(`已为编号 ${no} 申请复核，结果会在这里告诉您。`);
    expect(
      await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: no },
        select: { status: true, reviewStage: true },
      }),
    ).toEqual({ status: "under_review", reviewStage: 2 });
  });
});
