/**
 * A new phone number on Telegram, against the fake Bot API server: the citizen who filed about
 * the dark street lamp (contact 138 1234 5678) writes "电话换了，新号是13712345678"; asked once
 * with 是 / 不用了, on the yes the case is called about on the new number, and the clerks' card
 * in the staff group is edited to show it as the contact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import {
  deliver,
  fileStreetLight,
  STAFF_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";

describe("a new phone number on Telegram", { timeout: 60_000 }, () => {
  let staff: StaffService;
  let telegram: FakeTelegram;
  let service: TestApp;
  let citizen: TelegramCitizen;
  let no: string;

  const clerkCard = () =>
    telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(`【新反映】${no}`))?.text ?? "";

  beforeAll(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
    citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
    no = await fileStreetLight(citizen);
    await deliver(service);
  });
  afterAll(() => staff.stop());

  it("asks once, and on the yes the clerks' card shows the new number", async () => {
    expect(clerkCard()).toContain("电话：13812345678");
    await citizen.say("电话换了，新号是13712345678");
    expect(citizen.text).toBe(`要把您正在办理的事（编号 ${no}）的联系电话改成 137****5678 吗？`);
    expect(citizen.buttons).toEqual(["是", "不用了"]);

    await citizen.tap("是");
    expect(citizen.text).toContain(`已把编号 ${no} 的联系电话改成 137****5678`);
    await telegram.waitUntil(() => clerkCard().includes("电话：13712345678"), {
      description: "the clerks' card shows the new number",
    });
    expect(clerkCard()).not.toContain("13812345678");
  });
});
