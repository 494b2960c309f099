/**
 * Two matters in one web chat message, over the real chat API against the whole service (the
 * offline classifier, SQLite): each becomes a case of its own, for its own unit, and the next
 * matter is offered after the first case's receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { WebCitizen } from "./web-citizen.ts";

describe("two matters told in one message", { timeout: 60_000 }, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(async () => {
    await service.stop();
  });

  it("files each as a case of its own, the second offered after the first's receipt", async () => {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    await citizen.say(
      "俺是川汇区七一路幸福小区的，反映两件事：一是小区门口的路灯坏了一个多月了，晚上黑乎乎的；二是小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
    );
    expect(citizen.text).toContain("您说了两件事");
    await citizen.tap("对，就是这个");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const filed = citizen.text;
    // The receipt (编号, 查询码) comes before the next matter is offered.
    expect(filed.indexOf("提交成功")).toBeLessThan(filed.indexOf("您的查询码是"));
    expect(filed.indexOf("您的查询码是")).toBeLessThan(filed.indexOf("您刚才还说了一件事"));

    await citizen.tap("是，开始反映");
    await citizen.tap("对，就是这个");
    await citizen.say("每天晚上都这样");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");

    const cases = await service.app.db.case.findMany({
      where: { channel: "web" },
      orderBy: { createdAt: "asc" },
      select: { categoryCode: true, regionCode: true, description: true },
    });
    expect(cases).toEqual([
      {
        categoryCode: "municipal",
        regionCode: "chuanhui",
        description: "俺是川汇区七一路幸福小区的，小区门口的路灯坏了一个多月了，晚上黑乎乎的",
      },
      {
        categoryCode: "environment",
        regionCode: "chuanhui",
        description: "俺是川汇区七一路幸福小区的，小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
      },
    ]);
  });
});
