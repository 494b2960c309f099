/**
 * /mycases lists the citizen's own cases and /status <number> shows one of
 * them; someone else's number is "not found", exactly like a number that does
 * not exist. A running case of one's own may be withdrawn from its page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("my cases and /status", { timeout: 30_000 }, () => {
  let service: TelegramService;
  let zhang: TelegramCitizen;
  let wang: TelegramCitizen;
  let zhangNo: string;
  let wangNo: string;

  async function file(citizen: TelegramCitizen, description: string): Promise<string> {
    await citizen.command("/new");
    await citizen.say(description);
    await citizen.tap("对，就是这个");
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const trackingNo = /ZK-\d{8}-\d{4}/.exec(citizen.text)?.[0];
    if (!trackingNo) throw new Error(`no tracking number in: ${citizen.text}`);
    return trackingNo;
  }

  beforeAll(async () => {
    service = await startTelegramService();
    zhang = service.citizen();
    wang = service.citizen();
    zhangNo = await file(zhang, "项城市光明路的路灯坏了很久");
    wangNo = await file(wang, "商水县建设路工地拖欠农民工工资");
  });
  afterAll(() => service.stop());

  it("lists only the citizen's own cases, each with a button to its details", async () => {
    await zhang.command("/mycases");
    expect(zhang.text).toContain(zhangNo);
    expect(zhang.text).toContain("市政市容 · 2026年11月28日提交");
    expect(zhang.text).not.toContain(wangNo);
    expect(zhang.buttons).toEqual([`查看 ${zhangNo}`]);

    await zhang.tap(`查看 ${zhangNo}`);
    expect(zhang.text).toContain(`编号：${zhangNo}`);
    expect(zhang.text).toContain("您提交了反映");
  });

  it("shows one's own case by number, however it is typed", async () => {
    await zhang.command(`/status ${zhangNo.toLowerCase().replaceAll("-", " ")}`);
    expect(zhang.text).toContain(`编号：${zhangNo}`);
    expect(zhang.text).toContain("2026年11月28日 10:00 您提交了反映");
  });

  it("lists the citizen's cases asked for in words, as the web calls them or the menu does", async () => {
    for (const words of ["我的诉求", "查看我反映过的事", "俺的投诉", "My reports"]) {
      await zhang.say(words);
      expect(zhang.text).toContain("您反映过的事：");
      expect(zhang.buttons).toEqual([`查看 ${zhangNo}`]);
    }
  });

  it("lists them asked for in the middle of filing, the words kept out of the complaint", async () => {
    const chen = service.citizen();
    const chenNo = await file(chen, "项城市人民路的井盖丢了");
    await chen.command("/new");
    await chen.say("项城市光明路的路灯坏了很久");
    await chen.say("我的诉求");
    expect(chen.text).toContain(chenNo);
    expect(chen.replies.at(-1)?.text).toContain("【市政市容】");
    expect((await chen.dialogue())?.draft?.description).toBe("项城市光明路的路灯坏了很久");
  });

  it("shows a case whose many additions run past one Telegram message in parts, the buttons under the last", async () => {
    const li = service.citizen();
    const liNo = await file(li, "项城市莲花路的下水道堵了，污水漫到路上");
    const additions = Array.from({ length: 15 }, (_, n) =>
      `补充一下：第 ${n + 1} 个井盖也坏了。`.padEnd(1000, "污水一直往外冒，晚上走路看不清。"),
    );
    for (const addition of additions) {
      await li.say(addition);
      await li.tap("补充进去");
    }

    await li.command(`/status ${liNo}`);

    expect(li.replies.length).toBeGreaterThan(1);
    expect(li.replies.every((part) => (part.text ?? "").length <= 4096)).toBe(true);
    expect(li.text).toContain(`编号：${liNo}`);
    for (const addition of additions) expect(li.text).toContain(addition.slice(5, 60));
    expect(li.replies.slice(0, -1).every((part) => part.reply_markup === undefined)).toBe(true);
    expect(li.buttons).toEqual(["补充到这件事", "撤回这件事"]);
  });

  it("answers someone else's number as not found, without a word of their case", async () => {
    await zhang.command(`/status ${wangNo}`);
    expect(zhang.text).toContain(`没有找到您反映的编号为 ${wangNo} 的事`);
    expect(zhang.text).not.toContain("人社劳动");
    await zhang.command("/status ZK-20261128-9999");
    expect(zhang.text).toContain("没有找到您反映的编号为 ZK-20261128-9999 的事");
  });

  it("explains /status without a number, and says so when there are no cases", async () => {
    await wang.command("/status");
    expect(wang.text).toContain("请在 /status 后面写上编号");
    expect(wang.text).toContain(wangNo);

    const newcomer = service.citizen();
    await newcomer.command("/mycases");
    expect(newcomer.text).toContain("在这个对话里，您还没有反映过事情");
  });

  it("keeps a draft open and asks its question again after looking", async () => {
    await wang.command("/new");
    await wang.say("公司拖欠我三个月工资不给");
    const draft = (await wang.dialogue())?.draft;
    await wang.command("/mycases");
    expect(wang.replies.at(-1)?.text).toContain("【人社劳动】");
    expect((await wang.dialogue())?.draft).toEqual(draft);
  });

  it("withdraws a running case from its page after a yes, and the draft goes on", async () => {
    await wang.tap(`查看 ${wangNo}`);
    await wang.tap("撤回这件事");
    expect(wang.text).toContain(`要撤回编号 ${wangNo}（人社劳动）吗？`);
    await wang.tap("确定撤回");
    // The written notice of the withdrawal may arrive among the turn's replies.
    expect(wang.replies.map((reply) => reply.text)).toContain(
      `已撤回编号 ${wangNo}，不再办理。以后有事随时找我们。`,
    );
    const stored = await service.db.case.findUniqueOrThrow({ where: { trackingNo: wangNo } });
    expect(stored.status).toBe("withdrawn");
    expect((await wang.dialogue())?.draft?.description).toBe("公司拖欠我三个月工资不给");
  });
});
