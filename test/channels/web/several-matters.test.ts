/**
 * Two matters in the web chat, over the real chat API against the whole service (the offline
 * classifier, SQLite): told in one message, or the second remembered at a question of the
 * first's draft, each becomes a case of its own, for its own unit, and the next matter is
 * offered after the first case's receipt — or after the first is cancelled, unless the citizen
 * gives them all up.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { WebCitizen } from "./web-citizen.ts";

describe("two matters told in the web chat", { timeout: 60_000 }, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(async () => {
    await service.stop();
  });

  async function startFiling(): Promise<WebCitizen> {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    return citizen;
  }

  async function fileWithoutPhotosAnonymously(citizen: WebCitizen): Promise<void> {
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
  }

  /** The web chat's cases, oldest first, with the unit each was proposed for. */
  async function webCases() {
    const cases = await service.app.db.case.findMany({
      where: { channel: "web" },
      orderBy: { createdAt: "asc" },
      select: {
        categoryCode: true,
        regionCode: true,
        address: true,
        description: true,
        suggestions: { where: { chosen: true }, select: { unitId: true } },
      },
    });
    return cases.map(({ suggestions, ...filed }) => ({ ...filed, unit: suggestions[0]?.unitId }));
  }

  it("files each told in one message as a case of its own, the second offered after the first's receipt", async () => {
    const citizen = await startFiling();
    await citizen.say(
      "俺是川汇区七一路幸福小区的，反映两件事：一是小区门口的路灯坏了一个多月了，晚上黑乎乎的；二是小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
    );
    expect(citizen.text).toContain("您说了两件事");
    await citizen.tap("对，就是这个");
    await fileWithoutPhotosAnonymously(citizen);
    const filed = citizen.text;
    // The receipt (编号, 查询码) comes before the next matter is offered.
    expect(filed.indexOf("提交成功")).toBeLessThan(filed.indexOf("您的查询码是"));
    expect(filed.indexOf("您的查询码是")).toBeLessThan(filed.indexOf("您刚才还说了一件事"));

    await citizen.tap("是，开始反映");
    await citizen.tap("对，就是这个");
    await citizen.say("每天晚上都这样");
    await fileWithoutPhotosAnonymously(citizen);

    expect(await webCases()).toMatchObject([
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

  it("files a second matter told at the place question after the first, for another unit", async () => {
    const before = (await webCases()).length;
    const citizen = await startFiling();
    await citizen.say("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
    await citizen.tap("对，就是这个");
    await citizen.say(
      "川汇区八一路建业小区门口。还有个事，小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
    );
    expect(citizen.text).toContain("我先记下了，这件登记好了再接着登记它");
    await fileWithoutPhotosAnonymously(citizen);
    const filed = citizen.text;
    expect(filed.indexOf("您的查询码是")).toBeLessThan(
      filed.indexOf("您刚才还说了一件事：“小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗”"),
    );

    await citizen.tap("是，开始反映");
    await citizen.tap("对，就是这个");
    await citizen.say("川汇区八一路建业小区旁边");
    await citizen.say("每天晚上都这样");
    await fileWithoutPhotosAnonymously(citizen);

    const [light, stall] = (await webCases()).slice(before);
    expect(light).toMatchObject({
      categoryCode: "municipal",
      regionCode: "chuanhui",
      address: "川汇区八一路建业小区门口",
      description: "小区门口的路灯坏了一个多月了，晚上黑乎乎的",
    });
    expect(stall).toMatchObject({
      categoryCode: "environment",
      regionCode: "chuanhui",
      address: "川汇区八一路建业小区旁边",
      description: "小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
    });
    expect(light?.unit).toBeDefined();
    expect(stall?.unit).toBeDefined();
    expect(light?.unit).not.toBe(stall?.unit);
  });

  it("offers the second matter for filing when the citizen cancels the first", async () => {
    const before = (await webCases()).length;
    const citizen = await startFiling();
    await citizen.say(
      "俺是川汇区七一路幸福小区的，反映两件事：一是小区门口的路灯坏了一个多月了，晚上黑乎乎的；二是小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
    );
    await citizen.say("不弄了");
    await citizen.tap("确定，不提交了");
    expect(citizen.text).toContain("好的，这件已经取消，刚才填的内容已删除。");
    expect(citizen.text).toContain(
      "您刚才还说了一件事：“俺是川汇区七一路幸福小区的，小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗”",
    );
    await citizen.tap("是，开始反映");
    expect(citizen.text).toContain("【生态环境】");
    expect(await webCases()).toHaveLength(before);
  });

  it("drops both when the citizen says 算了都不反映了", async () => {
    const before = (await webCases()).length;
    const citizen = await startFiling();
    await citizen.say(
      "俺是川汇区七一路幸福小区的，反映两件事：一是小区门口的路灯坏了一个多月了，晚上黑乎乎的；二是小区旁边的烧烤摊每天半夜还在吵，油烟呛得开不了窗",
    );
    await citizen.say("算了都不反映了");
    await citizen.tap("确定，不提交了");
    expect(citizen.text).toBe(
      "好的，已经取消，刚才填的内容已删除，您说的另外 1 件事也不登记了。有需要随时找我。",
    );
    expect(citizen.labels).toContain("我要反映问题");
    expect(await webCases()).toHaveLength(before);
  });
});
