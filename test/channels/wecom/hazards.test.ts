/**
 * A danger told on WeChat (微信客服): the citizen is told at once which number to
 * call, and the case is stored urgent, ahead of ordinary cases in the clerks' queue.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signedInClerk } from "../../console/console-world.ts";
import { MovableClock } from "../../support/clock.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { fileComplaint, submitWithContact, WeComCitizen, weComSetup } from "./wecom-citizen.ts";

describe("a danger told on WeChat", { timeout: 60_000 }, () => {
  let fake: FakeWeCom;
  let service: TestApp;
  let citizen: (id: string) => WeComCitizen;

  beforeEach(async () => {
    const clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(fake, clock);
    service = await startTestApp({ wecom: setup.wecom, clock });
    const current = () => ({ url: service.url, db: service.app.db });
    citizen = (id) => new WeComCitizen(fake, setup.sender, current, clock, id);
  });
  afterEach(async () => {
    await service.stop();
    await fake.close();
  });

  it("tells 119 for a gas smell and stores the case urgent, first in the queue", async () => {
    const lamp = await fileComplaint(citizen("wmCITIZEN1"));

    const neighbour = citizen("wmCITIZEN2");
    await neighbour.say("你好");
    await neighbour.click("我要反映问题");
    await neighbour.say("川汇区七一路建业小区3号楼楼道里一股很大的煤气味");
    expect(neighbour.text).toContain("闻到煤气味或燃气泄漏：请马上打 119");
    await neighbour.click("对，就是这个");
    await neighbour.say("刚才");
    await neighbour.say("1"); // no photos
    const gas = await submitWithContact(neighbour);

    const stored = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: gas } });
    expect(stored.isEmergency).toBe(true);
    const clerk = await signedInClerk(service.app.db, service.url);
    const queue = (await clerk.get("/api/queue")).json;
    const order = queue.items.map((item: { case: { trackingNo: string } }) => item.case.trackingNo);
    expect(order).toEqual([gas, lamp]);
  });
});
