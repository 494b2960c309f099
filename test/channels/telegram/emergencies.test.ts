/**
 * A message about danger (fire, gas, someone hurt, 救命) is answered first
 * with the emergency numbers; the conversation then goes on, and the case is
 * stored as an emergency.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClerk } from "../../console/console-world.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("an emergency", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  it("sends 119 and 120 first, then the next question, and stores the case with isEmergency", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("川汇区建业小区楼道里着火了，有人晕倒了");
    const [warning, question] = citizen.replies;
    expect(warning?.text).toContain("请先打电话求救");
    expect(warning?.text).toContain("119");
    expect(warning?.text).toContain("120");
    expect(question?.text).toContain("【住房城建】");

    await citizen.tap("对，就是这个");
    await citizen.say("刚才");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("【紧急】是");
    await citizen.tap("提交");

    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({ isEmergency: true, categoryCode: "housing" });
  });

  it("sends 119 for a gas leak and proposes water, power and gas (水电气暖)", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("西华县某小区煤气泄漏了味道很大");
    expect(citizen.replies[0]?.text).toContain("119");
    expect(citizen.replies[1]?.text).toContain("【水电气暖】");
    expect((await citizen.dialogue())?.draft?.isEmergency).toBe(true);
  });

  it("sends 110 first even outside a draft, and the draft started from it is an emergency", async () => {
    const citizen = service.citizen();
    await citizen.say("救命，有人在打人");
    expect(citizen.replies[0]?.text).toContain("110");
    expect(citizen.text).toContain("要把这件事作为一条新的反映吗");
    await citizen.tap("是，开始反映");
    expect((await citizen.dialogue())?.draft?.isEmergency).toBe(true);
  });

  it("does not take everyday words for an emergency", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("老板欠我的工资，那是我的救命钱");
    expect(citizen.text).not.toContain("求救");
    expect((await citizen.dialogue())?.draft?.isEmergency).toBe(false);
  });

  it("tells 110 for a missing manhole cover and puts the case first in the clerks' queue", async () => {
    const earlier = service.citizen();
    await earlier.command("/new");
    await earlier.say("川汇区七一路的路灯坏了，晚上很黑");
    await earlier.tap("对，就是这个");
    await earlier.say("前天");
    await earlier.tap("没有照片");
    await earlier.tap("匿名反映");
    await earlier.tap("提交");
    const [lamp] = await earlier.cases();

    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("川汇区建设路上的井盖没了，晚上有人差点掉下去");
    expect(citizen.replies[0]?.text).toContain("井盖没了或敞开：请马上打 110");
    await citizen.tap("对，就是这个");
    await citizen.say("今天早上");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({ isEmergency: true });

    const clerk = await signedInClerk(service.db, service.app.url);
    const queue = (await clerk.get("/api/queue")).json;
    const order: string[] = queue.items.map(
      (item: { case: { trackingNo: string } }) => item.case.trackingNo,
    );
    // Only the emergencies filed before it wait ahead of it; the older street light after.
    const ahead = order.slice(0, order.indexOf(stored!.trackingNo));
    const aheadRows = await service.db.case.findMany({ where: { trackingNo: { in: ahead } } });
    expect(aheadRows.every((row) => row.isEmergency)).toBe(true);
    expect(order.indexOf(stored!.trackingNo)).toBeLessThan(order.indexOf(lamp!.trackingNo));
  });
});
