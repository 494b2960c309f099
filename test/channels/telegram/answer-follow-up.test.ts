/**
 * Every answer reaches a rating on Telegram: the day after the day an answer promises
 * (承诺办结日期), or a week after one that promises none, the deadline round asks the citizen
 * whether it was done, with the answer's 已解决 / 未解决 buttons on the question itself, and a
 * press rates the answer as under the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../../../src/domain/calendar.ts";
import { answerCase } from "../../support/answered-case.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import {
  buttonData,
  deliver,
  fileStreetLight,
  press,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";

describe("an answer's promised day on Telegram", { timeout: 60_000 }, () => {
  let staff: StaffService;

  beforeAll(async () => {
    staff = await startStaffService();
  });
  afterAll(() => staff.stop());

  it("is followed up the day after it with the rating buttons, which rate the answer", async () => {
    const { telegram, service } = staff;
    const citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
    const no = await fileStreetLight(citizen);
    const promisedBy = addDays(localDateOf(service.clock.now()), 2);
    await answerCase(service.app, no, "路灯将于两天内修复。", promisedBy);
    await deliver(service);
    const told = telegram.sentMessages(citizen.id).map((m) => m.text);
    expect(told.join("\n")).toContain("办理单位承诺于 2026年11月30日 前办好。");

    service.clock.set(new Date(startOfLocalDay(addDays(promisedBy, 1)).getTime() + 60_000));
    expect(await service.app.deadlines.runOnce()).toMatchObject({ followedUp: 1 });
    await deliver(service);
    const asked = telegram.sentMessages(citizen.id).at(-1)!;
    expect(asked.text).toBe(
      `编号 ${no} 的答复说 2026年11月30日 前办好，现在事情解决了吗？\n如果您对答复不满意，可以在 2026年12月28日前申请复查。`,
    );
    expect(buttonData(asked)).toEqual([`k:sv:${no}:1`, `k:sv:${no}:0`]);

    await press(() => service, telegram, citizen.user, asked, `k:sv:${no}:1`);
    const satisfaction = telegram.sentMessages(citizen.id).at(-1)!;
    await press(() => service, telegram, citizen.user, satisfaction, `k:sf:${no}:1:s`);
    expect(
      await service.app.db.rating.findFirstOrThrow({ where: { case: { trackingNo: no } } }),
    ).toMatchObject({ solved: true, satisfaction: "satisfied" });
  });

  it("asks about an answer without a promised day a week after it, with the same buttons", async () => {
    const { telegram, service } = staff;
    const citizen = new TelegramCitizen(telegram, () => service.app.db, 1002);
    const no = await fileStreetLight(citizen);
    await answerCase(service.app, no);
    const { answeredAt } = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
    });

    service.clock.set(new Date(answeredAt!.getTime() + 7 * 86_400_000 + 60_000));
    expect(await service.app.deadlines.runOnce()).toMatchObject({ followedUp: 1 });
    await deliver(service);
    const asked = telegram.sentMessages(citizen.id).at(-1)!;
    expect(asked.text).toMatch(
      new RegExp(
        `^编号 ${no} 已于 \\d{4}年\\d{1,2}月\\d{1,2}日 答复，事情解决了吗？\\n如果您对答复不满意`,
      ),
    );
    expect(buttonData(asked)).toEqual([`k:sv:${no}:1`, `k:sv:${no}:0`]);
  });
});
