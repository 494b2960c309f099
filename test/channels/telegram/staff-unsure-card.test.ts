/**
 * When the classifier was unsure (its calibrated confidence below CLASSIFIER_UNSURE_BELOW),
 * the clerks' Telegram card says so and offers its top 3 categories, each with its unit,
 * one tap each, instead of a one-tap confirm of a guess.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import {
  buttonData,
  CLERK_LI,
  deliver,
  fileDirectly,
  press,
  STAFF_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";
import { UNSURE_CABLE, UNSURE_FILING, UNSURE_UNITS } from "../../support/unsure-classification.ts";

describe("an unsure classification on the clerks' Telegram card", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;
  const app = () => service;

  beforeEach(async () => {
    staff = await startStaffService({ unitHandler: false });
    ({ telegram, service } = staff);
  });
  afterEach(() => staff.stop());

  it("says unsure and offers the top 3 with their units instead of a one-tap confirm", async () => {
    const no = await fileDirectly(service, 1001, UNSURE_FILING);
    await deliver(service);
    const [card] = telegram.sentMessages(STAFF_CHAT);

    expect(card!.text).toContain("分类不确定（最高把握 41%）");
    expect(card!.text).not.toContain("建议交办");
    expect(card!.text).toMatch(
      /1\. 水电气暖 41% → .+\n2\. 市政市容 34% → 川汇区城市管理局\n3\. 生态环境 12% → /,
    );
    const data = buttonData(card);
    expect(data).not.toContain(`k:ok:${no}`);
    expect(data.slice(0, 3)).toEqual(UNSURE_UNITS.map((unit) => `k:u:${no}:${unit}:r`));
    expect(data.slice(3)).toEqual([`k:ch:${no}`, `k:na:${no}`, `k:mg:${no}`]);

    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await press(app, telegram, clerk, card!, data[1]!);
    const routed = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(routed.status).toBe("assigned");
    expect(routed.unitId).toBe(UNSURE_UNITS[1]);
  });

  it("keeps the one-tap confirm for a sure classification", async () => {
    const sure = { ...UNSURE_CABLE, confidence: 0.83, unsure: false };
    const no = await fileDirectly(service, 1001, { ...UNSURE_FILING, classification: sure });
    await deliver(service);
    const [card] = telegram.sentMessages(STAFF_CHAT);

    expect(card!.text).toMatch(/建议交办：.+（把握 83%）/);
    expect(card!.text).not.toContain("分类不确定");
    expect(buttonData(card)[0]).toBe(`k:ok:${no}`);
  });
});
