/**
 * An answer that promises a day (承诺办结日期) on WeCom, where 微信客服 has no rating buttons:
 * the answer notice says the day; the day after it the citizen is asked in words whether it was
 * done (within 微信客服's reply window, as every notice), and rates by writing back, as under
 * the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../../../src/domain/calendar.ts";
import { answerCase } from "../../support/answered-case.ts";
import { waitUntil } from "../../support/wait.ts";
import {
  fileComplaint,
  sentText,
  startWeComCitizenWorld,
  type WeComCitizenWorld,
} from "./wecom-citizen.ts";

describe("an answer's promised day on WeCom", { timeout: 60_000 }, () => {
  let world: WeComCitizenWorld;

  beforeAll(async () => {
    world = await startWeComCitizenWorld();
  });
  afterAll(() => world.stop());

  it("is said with the answer and followed up in words the day after it", async () => {
    const { service, citizen } = world;
    const sent = () => world.fake.kfSent(citizen.id).map(sentText);
    const no = await fileComplaint(citizen);
    const promisedBy = addDays(localDateOf(service.clock.now()), 1);
    await answerCase(service.app, no, "工资将于明天发放。", promisedBy);
    await waitUntil(() => sent().some((text) => text.includes("工资将于明天发放。")));
    expect(sent().join("\n")).toContain("办理单位承诺于 2026年11月29日 前办好。");

    service.clock.set(new Date(startOfLocalDay(addDays(promisedBy, 1)).getTime() + 60_000));
    expect(await service.app.deadlines.runOnce()).toMatchObject({ followedUp: 1 });
    // The answer's notices spent the reply window's messages: the question waits for the
    // citizen's next message, as every notice does, and goes out with the reply to it.
    const question = `编号 ${no} 的答复说 2026年11月29日 前办好，现在事情解决了吗？`;
    await citizen.say("钱已经到了，满意");
    await waitUntil(() => sent().some((text) => text.includes(question)));
    await citizen.say("好的");
    expect(citizen.text).toContain(`谢谢您的评价（编号 ${no}）`);
    expect(
      await service.app.db.rating.findFirstOrThrow({ where: { case: { trackingNo: no } } }),
    ).toMatchObject({ solved: true, satisfaction: "satisfied" });
  });
});
