/**
 * Questions to the service on Telegram, through real grammY against the fake Bot API: the
 * migrant worker whose boss owes eight men three months' wages files, then asks whether the
 * others must file too — and is told they may file their own or join his case (附议), his case's
 * number with it, not offered a new report. A question in the middle of filing is answered and
 * the draft's question asked again; a question-shaped complaint is offered for filing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("questions to the service on Telegram", { timeout: 30_000 }, () => {
  let service: TelegramService;
  let worker: TelegramCitizen;
  let trackingNo: string;

  beforeAll(async () => {
    service = await startTelegramService();
    worker = service.citizen();
    await worker.command("/new");
    await worker.say("商水县建设路工地老板拖欠我们八个人三个月工资");
    await worker.tap("对，就是这个");
    await worker.tap("不记得了");
    await worker.tap("没有照片");
    await worker.tap("匿名反映");
    await worker.tap("提交");
    trackingNo = /ZK-\d{8}-\d{4}/.exec(worker.text)?.[0] ?? "";
    expect(trackingNo).not.toBe("");
  });
  afterAll(() => service.stop());

  it("tells the worker the others may file their own or join his case, and files nothing", async () => {
    const before = await service.db.case.count();
    await worker.say("我们八个人都是一个村的，他们也要登记吗");
    expect(worker.text).toContain("每个人都可以在这里自己反映");
    expect(worker.text).toContain("是同一个问题（附议）");
    expect(worker.text).toContain(`您这件事的编号是 ${trackingNo}`);
    expect(worker.text).not.toContain("新的反映");
    expect(await service.db.case.count()).toBe(before);
  });

  it("tells how long it takes, with his case's day of decision", async () => {
    await worker.say("多久能处理？");
    expect(worker.text).toContain("收到后 15 天内决定是否受理");
    expect(worker.text).toContain(`您的事（编号 ${trackingNo}）正在等待受理，最晚`);
  });

  it("answers in the middle of filing and asks the draft's question again", async () => {
    await worker.command("/new");
    await worker.say("工地门口的路灯坏了，晚上下班看不见路");
    await worker.say("要花钱吗");
    expect(worker.text).toContain("不收任何费用");
    expect(worker.replies.at(-1)?.text).toContain("【市政市容】");
    expect((await worker.dialogue())?.draft?.description).toBe(
      "工地门口的路灯坏了，晚上下班看不见路",
    );
  });

  it("offers a complaint that looks like a question for filing", async () => {
    await worker.command("/cancel");
    await worker.tap("确定，不提交了");
    await worker.say("为什么路灯一直不修?");
    expect(worker.text).toContain("新的反映");
    expect(worker.text).not.toContain("按《信访工作条例》");
  });
});
