/**
 * The browser's geolocation in the web chat, over the real chat API against the
 * whole service: the case keeps the point, the coordinates place it in its
 * district, and the district's unit is suggested (not the city's bureau).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { WebCitizen } from "./web-citizen.ts";

/** The crossing of 人民路 and 七一路 in 川汇区 (src/directory/default-places.geojson). */
const CHUANHUI = { latitude: 33.627, longitude: 114.652 };

describe.each(PROVIDERS)("sharing the browser's location (%s)", { timeout: 60_000 }, (provider) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ provider });
  });
  afterAll(async () => {
    await service.stop();
  });

  it("files a case with the point, placed in 川汇区 by its coordinates", async () => {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    await citizen.say("这里的井盖没了，晚上很危险");
    await citizen.tap("对，就是这个");
    await citizen.ok({ type: "location", ...CHUANHUI });
    expect(citizen.text).toContain("收到位置，在川汇区七一路街道。");
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("【地点】川汇区七一路街道，已发送位置");
    await citizen.tap("提交");

    const stored = await service.app.db.case.findFirstOrThrow({
      where: { channel: "web" },
      include: { suggestions: true },
    });
    expect(stored).toMatchObject({
      ...CHUANHUI,
      address: null,
      regionCode: "chuanhui",
      regionSource: "coordinates",
    });
    expect(stored.suggestions.find((s) => s.chosen)).toMatchObject({
      regionCode: "chuanhui",
      unitId: "urban_management.chuanhui",
    });
  });

  it("keeps a location shared before any words for the case the words then tell", async () => {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.ok({ type: "location", ...CHUANHUI });
    expect(citizen.text).toContain("收到位置，已经记下了，不用再发。");
    await citizen.say("路灯坏了一个多星期了，晚上黑乎乎的");
    await citizen.tap("是，开始反映");
    expect(citizen.text).toContain("收到位置，在川汇区七一路街道。");
    await citizen.tap("对，就是这个");
    // The manhole filed above is near: not the same matter.
    await citizen.tap("不是，继续登记");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");

    const stored = await service.app.db.case.findFirstOrThrow({
      where: { channel: "web", description: { contains: "路灯" } },
    });
    expect(stored).toMatchObject({ ...CHUANHUI, regionCode: "chuanhui" });
  });
});
