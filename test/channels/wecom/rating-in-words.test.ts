/**
 * A WeChat citizen has no rating buttons under the answer in 微信客服: they rate it by
 * writing back ("修好了，谢谢"), say yes to the rating offered, and it is stored through the
 * case's rate action as the buttons elsewhere store it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import { MovableClock } from "../../support/clock.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { fileComplaint, WeComCitizen, weComSetup } from "./wecom-citizen.ts";

describe("rating an answer in words on WeCom", { timeout: 60_000 }, () => {
  let fake: FakeWeCom;
  let clock: MovableClock;
  let service: TestApp;
  let citizen: WeComCitizen;

  beforeEach(async () => {
    clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(fake, clock);
    service = await startTestApp({ wecom: setup.wecom, clock });
    const current = () => ({ url: service.url, db: service.app.db });
    citizen = new WeComCitizen(fake, setup.sender, current, clock, "wmCITIZEN1");
  });

  afterEach(async () => {
    await service.stop();
    await fake.close();
  });

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
