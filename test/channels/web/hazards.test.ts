/**
 * A complaint about an immediate danger in the web chat: the citizen is told at
 * once which number to call, and the case waits at the top of the clerks' queue
 * with the one-hour dispatch target of an emergency.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startConsoleWorld, type ConsoleWorld } from "../../console/console-world.ts";
import { WebCitizen, fileComplaint, receiptOf } from "./web-citizen.ts";

describe("a danger told in the web chat", { timeout: 30_000 }, () => {
  let world: ConsoleWorld;
  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.addStaff("li", "clerk");
  });

  it("tells the number to call and puts the case first in the clerks' queue", async () => {
    const earlier = await world.file("neighbour", {
      description: "扶沟县城关镇建设路上的路灯坏了",
    });
    // Older and due sooner than the danger's one hour: the danger still comes first.
    world.clock.advance(23.5 * 60 * 60 * 1000);
    const citizen = new WebCitizen(world.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    await citizen.say("川汇区七一路上的井盖没了，晚上有人差点掉下去");
    expect(citizen.text).toContain("井盖没了或敞开：请马上打 110");
    await citizen.tap("对，就是这个");
    await citizen.say("七一路和八一路交叉口东边");
    await citizen.say("今天早上");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("【紧急】是");
    await citizen.tap("提交");
    const { trackingNo } = receiptOf(citizen);

    const stored = await world.app.db.case.findUniqueOrThrow({ where: { trackingNo } });
    expect(stored.isEmergency).toBe(true);
    const clerk = world.client();
    expect((await clerk.signIn("li")).status).toBe(200);
    const queue = (await clerk.get("/api/queue")).json;
    const order = queue.items.map((item: { case: { trackingNo: string } }) => item.case.trackingNo);
    expect(order.slice(0, 2)).toEqual([trackingNo, earlier]);
  });

  it("makes a running case urgent when the citizen adds a new danger to it", async () => {
    const earlier = await world.file("neighbour-2", {
      description: "扶沟县城关镇建设路上的垃圾箱满了",
    });
    world.clock.advance(60 * 1000);
    const citizen = new WebCitizen(world.url);
    const { trackingNo } = await fileComplaint(citizen);
    const stored = () => world.app.db.case.findUniqueOrThrow({ where: { trackingNo } });
    expect((await stored()).isEmergency).toBe(false);

    await citizen.say("补充一下：又有一个骑电动车的摔进去了");
    expect(citizen.text).toContain("请马上打 120");
    expect((await stored()).isEmergency).toBe(false);
    await citizen.tap("补充进去");
    expect(citizen.text).toContain(`已补充到编号 ${trackingNo}`);

    expect((await stored()).isEmergency).toBe(true);
    const urgent = await world.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo }, kind: "made_urgent" },
    });
    expect(urgent).toMatchObject({
      actorKind: "citizen",
      data: { cause: "supplement", hazards: ["injury"] },
    });
    const clerk = world.client();
    expect((await clerk.signIn("li")).status).toBe(200);
    const queue = (await clerk.get("/api/queue")).json;
    const order = queue.items.map((item: { case: { trackingNo: string } }) => item.case.trackingNo);
    expect(order.indexOf(trackingNo)).toBeLessThan(order.indexOf(earlier));
  });
});
