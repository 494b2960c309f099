/**
 * A unit's handler in the WeCom self-built app may type `/extend <no> <days> <reason>` instead
 * of pressing 申请延期 on the card, with the rules the Telegram command has: one extension of
 * at most 30 days, its reason told to the citizen; days without a reason are asked about, the
 * case and the days kept for the next message; whatever cannot be done is answered in one
 * clear sentence and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeWeCom } from "../../support/fake-wecom.ts";
import type { TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import { startWeComStaffWorld, type WeComStaffWorld } from "./wecom-staff.ts";

const HANDLER = "unit-handler-1";
const USAGE = "用法：/extend 编号 天数 原因";

describe("/extend typed in the WeCom app", { timeout: 60_000 }, () => {
  let world: WeComStaffWorld;
  let fake: FakeWeCom;
  let service: TestApp;

  beforeEach(async () => {
    world = await startWeComStaffWorld(HANDLER);
    ({ fake, service } = world);
  });
  afterEach(() => world.stop());

  /** What the app answers `userId` typing `text`. */
  const type = (userId: string, text: string) =>
    world.answerTo(userId, fake.appText(userId, text).xml);
  const extension = async (no: string) => {
    const row = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    return { days: row.extensionDays, reason: row.extensionReason };
  };

  it("extends a case once, and the citizen reads the reason in WeChat", async () => {
    const { no } = await world.assignedCase();
    await world.citizen.say("请问处理得怎么样了"); // the citizen's window is open

    expect(await type(HANDLER, `/extend ${no} 15 需要协调供电公司更换电缆`)).toBe(`已处理：${no}`);
    expect(await extension(no)).toEqual({ days: 15, reason: "需要协调供电公司更换电缆" });
    await waitUntil(() =>
      fake
        .kfSent("wmCITIZEN1")
        .some((m) => JSON.stringify(m.body).includes("延期原因：需要协调供电公司更换电缆")),
    );

    // One extension only.
    expect(await type(HANDLER, `/extend ${no} 5 还要再等几天`)).toBe(
      "已经延期过一次，不能再延期。",
    );
    expect(await extension(no)).toEqual({ days: 15, reason: "需要协调供电公司更换电缆" });
  });

  it("asks for the reason of /extend typed with days only, keeping its case and days", async () => {
    const { no } = await world.assignedCase();

    expect(await type(HANDLER, `/extend ${no} 15`)).toBe(
      "延期须说明理由。请回复延期 15 天的理由，例如：需要现场勘查",
    );
    expect(await extension(no)).toEqual({ days: null, reason: null });
    expect(await type(HANDLER, "   ")).toBe(
      "延期须说明理由。请回复延期 15 天的理由，例如：需要现场勘查",
    );

    expect(await type(HANDLER, "需要协调供电公司")).toBe(`已处理：${no}`);
    expect(await extension(no)).toEqual({ days: 15, reason: "需要协调供电公司" });
    // Without days the command is not understood: its usage, nothing asked.
    expect(await type(HANDLER, `/extend ${no} 需要协调`)).toBe(USAGE);
  });

  it("answers an unknown case, too many days or a missing case number clearly, and changes nothing", async () => {
    const { no } = await world.assignedCase();

    expect(await type(HANDLER, "/extend ZK-20990101-9999 10 需要现场勘查")).toBe(
      "没有找到事项 ZK-20990101-9999。",
    );
    expect(await type(HANDLER, "/extend ZK-20990101-9999 10")).toBe(
      "没有找到事项 ZK-20990101-9999。",
    );
    expect(await type(HANDLER, `/extend ${no} 45 需要现场勘查`)).toBe(
      "延期天数须为 1 到 30 天，未执行。",
    );
    // Too many days without a reason: refused at once, no reason asked for.
    expect(await type(HANDLER, `/extend ${no} 45`)).toBe("延期天数须为 1 到 30 天，未执行。");
    expect(await type(HANDLER, "需要现场勘查")).toBe(
      "请在事项卡片上操作；需要填写文字时，我会在这里提示您。",
    );
    expect(await type(HANDLER, "/extend")).toBe(USAGE);
    expect(await extension(no)).toEqual({ days: null, reason: null });
    expect(await world.status(no)).toBe("assigned");
  });

  it("refuses a clerk and a handler of another unit", async () => {
    const { no, unitId } = await world.assignedCase();
    await world.handlerOfAnotherUnit(unitId, "other-handler");

    expect(await type("zhangsan", `/extend ${no} 10 需要现场勘查`)).toBe(
      "您的角色不能进行这项操作。",
    );
    expect(await type("other-handler", `/extend ${no} 10 需要现场勘查`)).toBe(
      "这个事项不在本单位，您无权操作。",
    );
    expect(await type("other-handler", `/extend ${no} 10`)).toBe(
      "这个事项不在本单位，您无权操作。",
    );
    expect(await type("stranger", `/extend ${no} 10 需要现场勘查`)).toBe(
      "您不是登记在册的工作人员，无权操作。",
    );
    expect(await extension(no)).toEqual({ days: null, reason: null });
  });
});
