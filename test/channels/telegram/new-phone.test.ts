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

  it("takes a number sent alone in the middle of filing as the report's phone, not as its words", async () => {
    const wang = new TelegramCitizen(telegram, () => service.app.db, 1002);
    await wang.command("/new");
    await wang.say("项城市光明路的路灯坏了很久");
    await wang.say("13912345678");
    expect(wang.replies[0]?.text).toBe("好的，这件事的联系电话记为 139****5678。");
    expect(wang.replies.at(-1)?.text).toContain("【市政市容】");
    expect((await wang.dialogue())?.draft?.description).toBe("项城市光明路的路灯坏了很久");

    await wang.tap("对，就是这个");
    await wang.fileAnywayIfOffered();
    await wang.tap("不记得了");
    await wang.tap("没有照片");
    expect(wang.text).toContain("【联系方式】未留姓名，13912345678");
    expect(wang.text).toContain("【什么事】项城市光明路的路灯坏了很久\n");
  });

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
