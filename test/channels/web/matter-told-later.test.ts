/**
 * A second matter told at the place question of the web chat, over the real chat API against
 * the whole service (the offline classifier, SQLite): the place before it is the first case's,
 * and the matter becomes a case of its own, for its own unit, offered after the first's receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { WebCitizen } from "./web-citizen.ts";

describe("another matter told in the middle of filing", { timeout: 60_000 }, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(async () => {
    await service.stop();
  });

  it("is filed after the first as a case of its own, for another unit", async () => {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    await citizen.say("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
    await citizen.tap("对，就是这个");
    await citizen.say(
      "川汇区七一路幸福小区门口。还有个事，小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
    );
    expect(citizen.text).toContain("我先记下了，这件登记好了再接着登记它");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const filed = citizen.text;
    expect(filed.indexOf("您的查询码是")).toBeLessThan(
      filed.indexOf("您刚才还说了一件事：“小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗”"),
    );

    await citizen.tap("是，开始反映");
    await citizen.tap("对，就是这个");
    await citizen.say("川汇区七一路幸福小区旁边");
    await citizen.say("每天晚上都这样");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");

    const cases = await service.app.db.case.findMany({
      where: { channel: "web" },
      orderBy: { createdAt: "asc" },
      select: {
        categoryCode: true,
        address: true,
        description: true,
        suggestions: { where: { chosen: true }, select: { unitId: true } },
      },
    });
    expect(cases.map(({ suggestions, ...filed }) => filed)).toEqual([
      {
        categoryCode: "municipal",
        address: "川汇区七一路幸福小区门口",
        description: "小区门口的路灯坏了一个多月了，晚上黑乎乎的",
      },
      {
        categoryCode: "environment",
        address: "川汇区七一路幸福小区旁边",
        description: "小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
      },
    ]);
    const [light, stall] = cases.map((c) => c.suggestions[0]?.unitId);
    expect(light).toBeDefined();
    expect(stall).toBeDefined();
    expect(light).not.toBe(stall);
  });
});
