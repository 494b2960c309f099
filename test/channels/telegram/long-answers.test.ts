/**
 * A unit's answer longer than one Telegram message (4,096 characters) reaches the citizen
 * whole and in order: the notice with the case's number first, then the answer under its
 * heading, split between sentences, nothing left out and nothing repeated, then the question
 * whether the problem was solved.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  deliver,
  press,
  routeStreetLightToUnit,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";

describe("a long answer to a Telegram citizen", { timeout: 60_000 }, () => {
  let staff: StaffService;

  beforeEach(async () => {
    staff = await startStaffService();
  });
  afterEach(() => staff.stop());

  it("arrives whole, in order, in messages Telegram takes, the notice with the number first", async () => {
    const { telegram, service } = staff;
    const { citizen, handler, no, card } = await routeStreetLightToUnit(staff);
    await press(() => service, telegram, handler, card(), `k:st:${no}`);
    await deliver(service);
    const before = telegram.sentMessages(citizen.id).length;
    const answer = Array.from(
      { length: 400 },
      (_, i) => `第${i + 1}项，经现场核实已处理完毕。`,
    ).join("");
    expect(answer.length).toBeGreaterThan(6000);
    const { unitId } = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });

    await service.app.caseActions.act(
      no,
      { type: "answer", outcome: "support", text: answer },
      { kind: "handler", id: "handler-test", unitId: unitId! },
    );
    await deliver(service);

    const told = telegram
      .sentMessages(citizen.id)
      .slice(before)
      .map((m) => m.text ?? "");
    expect(told[0]).toContain(`编号 ${no}`);
    expect(told[0]).toContain("具体内容见下一条消息");
    // The rating question follows the answer.
    const parts = told.slice(1, told.indexOf("请告诉我们：您反映的问题解决了吗？"));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.every((text) => text.length <= 4096)).toBe(true);
    expect(parts[0]!.startsWith("处理意见：\n")).toBe(true);
    expect(parts.join("").replace("处理意见：\n", "")).toBe(answer);
  });
});
