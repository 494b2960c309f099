/**
 * Deadline alerts as staff receive them: the unit's reminder 3 days before
 * the due date, with the buttons still open then, and the clerks' daily escalation once the
 * case is overdue (in the round's one message listing its overdue cases), from
 * the scheduler the app runs.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../../../src/domain/calendar.ts";
import { formatDate } from "../../../src/i18n/format.ts";
import { DAY, HOUR } from "../../support/clock.ts";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import {
  buttonData,
  CLERK_LI,
  deliver,
  fileDirectly,
  press,
  STAFF_CHAT,
  UNIT_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";

describe("deadline alerts in the staff chats", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;

  beforeEach(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
  });
  afterEach(() => staff.stop());

  it("reminds the unit 3 days ahead and escalates to the clerks once a day when overdue", async () => {
    telegram.user(6001);
    const no = await fileDirectly(service, 6001);
    await deliver(service);
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await press(
      () => service,
      telegram,
      clerk,
      telegram.sentMessages(STAFF_CHAT)[0]!,
      `k:ok:${no}`,
    );
    await deliver(service);
    const due = (await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } }))
      .handlingDueAt!;
    const dueDate = formatDate("zh", due);
    const unitSeen = telegram.sentMessages(UNIT_CHAT).length;
    const clerkSeen = telegram.sentMessages(STAFF_CHAT).length;

    service.clock.set(new Date(startOfLocalDay(addDays(localDateOf(due), -3)).getTime() - HOUR));
    await service.app.deadlines.runOnce();
    await deliver(service);
    expect(telegram.sentMessages(UNIT_CHAT)).toHaveLength(unitSeen);

    service.clock.advance(2 * HOUR);
    await service.app.deadlines.runOnce();
    await service.app.deadlines.runOnce();
    await deliver(service);
    const reminders = telegram.sentMessages(UNIT_CHAT).slice(unitSeen);
    expect(reminders.map((m) => m.text)).toEqual([
      expect.stringContaining(`【办理提醒】事项 ${no} 的办理期限是`),
    ]);
    // The 5 working days to return the case are long over: the reminder offers no 退回.
    expect(buttonData(reminders[0])).toEqual([`k:st:${no}`, `k:pg:${no}`, `k:ex:${no}`]);

    service.clock.set(new Date(due.getTime() + HOUR));
    await service.app.deadlines.runOnce();
    service.clock.advance(3 * HOUR);
    await service.app.deadlines.runOnce();
    await deliver(service);
    service.clock.advance(DAY);
    await service.app.deadlines.runOnce();
    await deliver(service);
    expect(
      telegram
        .sentMessages(STAFF_CHAT)
        .slice(clerkSeen)
        .map((m) => m.text),
    ).toEqual([
      `【超期督办】1 件事项已超过期限，请督办：\n· ${no} 办理期限 ${dueDate}，已超过 1 天（川汇区城市管理局）`,
      `【超期督办】1 件事项已超过期限，请督办：\n· ${no} 办理期限 ${dueDate}，已超过 2 天（川汇区城市管理局）`,
    ]);
  });
});
