/**
 * A WeChat citizen has no rating buttons under the answer in 微信客服: they rate it by
 * writing back ("修好了，谢谢"), say yes to the rating offered, and it is stored through the
 * case's rate action as the buttons elsewhere store it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  fileComplaint,
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
});
