/**
 * /cancel asks first: confirming deletes the draft, declining keeps it exactly
 * as it was and the conversation goes on from the same question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("cancelling a draft", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  async function startDraft(): Promise<TelegramCitizen> {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("小区电梯坏了很久没人修");
    expect(citizen.text).toContain("【住房城建】");
    return citizen;
  }

  it("deletes the draft after the citizen confirms", async () => {
    const citizen = await startDraft();
    await citizen.command("/cancel");
    expect(citizen.text).toContain("确定不提交了吗");
    expect((await citizen.dialogue())?.draft).not.toBeNull();
    await citizen.tap("确定，不提交了");
    expect(citizen.text).toContain("已经取消，刚才填的内容已删除");

    const state = await citizen.dialogue();
    expect(state?.draft).toBeNull();
    expect(state?.step).toBe("idle");
    expect(await citizen.cases()).toEqual([]);
  });

  it("keeps the draft unchanged when the citizen goes on, and it can still be submitted", async () => {
    const citizen = await startDraft();
    const before = await citizen.dialogue();
    await citizen.command("/cancel");
    await citizen.tap("继续填写");
    expect(citizen.text).toContain("【住房城建】");
    const after = await citizen.dialogue();
    expect(after?.draft).toEqual(before?.draft);
    expect(after?.step).toBe("category");

    await citizen.tap("对，就是这个");
    await citizen.say("川汇区建业小区3号楼");
    await citizen.fileAnywayIfOffered();
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({
      description: "小区电梯坏了很久没人修",
      categoryCode: "housing",
      address: "川汇区建业小区3号楼",
    });
  });

  it("cancels from the summary card's own button, also only after confirmation", async () => {
    const citizen = await startDraft();
    await citizen.tap("对，就是这个");
    await citizen.say("川汇区建业小区3号楼");
    await citizen.fileAnywayIfOffered();
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("不提交了");
    expect(citizen.text).toContain("确定不提交了吗");
    expect((await citizen.dialogue())?.draft).not.toBeNull();
    await citizen.tap("确定，不提交了");
    expect((await citizen.dialogue())?.draft).toBeNull();
    expect(await citizen.cases()).toEqual([]);
  });

  it("says so when there is nothing to cancel", async () => {
    const citizen = service.citizen();
    await citizen.command("/cancel");
    expect(citizen.text).toContain("现在没有正在填写的事");
    expect(citizen.buttons).toContain("我要反映问题");
  });
});
