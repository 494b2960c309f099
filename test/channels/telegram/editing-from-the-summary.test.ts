/**
 * From the summary card the citizen changes one field, comes back to the card
 * without being asked anything else, and the case is stored with the new value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("editing from the summary card", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  async function reachSummary(): Promise<TelegramCitizen> {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("项城市光明路的路灯坏了很久");
    await citizen.tap("对，就是这个");
    await citizen.fileAnywayIfOffered();
    await citizen.tap("不记得了");
    await citizen.sendPhoto("photo-1");
    await citizen.tap("照片发完了");
    await citizen.say("李女士 13912345678");
    expect(citizen.text).toContain("请看一下，内容对不对");
    return citizen;
  }

  it("changes the time, and the stored case has the new time", async () => {
    const citizen = await reachSummary();
    await citizen.tap("修改");
    expect(citizen.buttons).toEqual([
      "什么事",
      "类别",
      "地点",
      "时间",
      "照片",
      "联系方式",
      "不改了，返回",
    ]);
    await citizen.tap("时间");
    expect(citizen.text).toContain("这件事是什么时候发生的");
    await citizen.say("10月5号");
    expect(citizen.text).toContain("【时间】2026年10月5日（10月5号）");
    expect(citizen.text).toContain("【联系方式】李女士，13912345678");
    await citizen.tap("提交");

    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({
      occurredText: "10月5号",
      contactName: "李女士",
      contactPhone: "13912345678",
      regionCode: "xiangcheng",
    });
    expect(stored?.occurredAt?.toISOString()).toBe("2026-10-05T04:00:00.000Z");
  });

  it("changes the place, asks the county for the new address, and stores both", async () => {
    const citizen = await reachSummary();
    await citizen.tap("修改");
    await citizen.tap("地点");
    await citizen.say("人民路和交通路口");
    expect(citizen.text).toContain("这个地址在哪个县区");
    await citizen.tap("西华县");
    expect(citizen.text).toContain("【地点】西华县，人民路和交通路口");
    await citizen.tap("提交");

    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({ address: "人民路和交通路口", regionCode: "xihua" });
  });

  it("changes the category from the list, and the case is stored under it", async () => {
    const citizen = await reachSummary();
    await citizen.tap("修改");
    await citizen.tap("类别");
    await citizen.tap("停水、停电、燃气、暖气等");
    expect(citizen.text).toContain("【类别】水电气暖");
    await citizen.tap("提交");

    const [stored] = await citizen.cases();
    expect(stored?.categoryCode).toBe("utilities");
  });

  it("keeps everything when the citizen goes back without changing", async () => {
    const citizen = await reachSummary();
    const before = await citizen.dialogue();
    await citizen.tap("修改");
    await citizen.tap("什么事");
    await citizen.tap("不改了，返回");
    expect(citizen.text).toContain("【什么事】项城市光明路的路灯坏了很久");
    const after = await citizen.dialogue();
    expect(after?.step).toBe("summary");
    expect(after?.draft).toEqual(before?.draft);
  });
});
