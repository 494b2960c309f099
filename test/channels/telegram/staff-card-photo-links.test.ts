/**
 * A staff card that counts a case's photos ("照片：1 张") links to the case's page in the console,
 * where the clerk and the unit open them, when the service knows its public address (PUBLIC_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import {
  CLERK_LI,
  deliver,
  press,
  STAFF_CHAT,
  startStaffService,
  UNIT_CHAT,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";

const PUBLIC_URL = "https://12345.zhoukou.example.cn";

describe("photo links on staff cards", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;

  beforeAll(async () => {
    staff = await startStaffService({ env: { PUBLIC_URL } });
    ({ telegram, service } = staff);
  });
  afterAll(() => staff.stop());

  it("link the clerks' and the unit's card to the case page with its photos", async () => {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
    await citizen.command("/new");
    await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    await citizen.tap("对，就是这个");
    await citizen.say("川汇区七一路和八一路交叉口东边");
    await citizen.fileAnywayIfOffered();
    await citizen.say("前天下午");
    await citizen.sendPhoto("dark-lamp");
    await citizen.tap("照片发完了");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const no = /ZK-\d{8}-\d{4}/.exec(citizen.text)![0];
    await deliver(service);

    const link = `照片：1 张，在工作台查看：${PUBLIC_URL}/console/cases/${no}`;
    const clerkCard = telegram.sentMessages(STAFF_CHAT)[0]!;
    expect(clerkCard.text).toContain(link);

    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await press(() => service, telegram, clerk, clerkCard, `k:ok:${no}`);
    await deliver(service);
    expect(telegram.sentMessages(UNIT_CHAT).some((m) => m.text?.includes(link))).toBe(true);
  });
});
