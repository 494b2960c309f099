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

  /** 400 numbered sentences, over 6,000 characters. */
  const answer = Array.from({ length: 400 }, (_, i) => `第${i + 1}项，经现场核实已处理完毕。`).join(
    "",
  );

  /** The street-light case routed, started and answered with `text`; its number. */
  async function answeredLong(text = answer) {
    const { telegram, service } = staff;
    const { citizen, handler, no, card } = await routeStreetLightToUnit(staff);
    await press(() => service, telegram, handler, card(), `k:st:${no}`);
    await deliver(service);
    const before = telegram.sentMessages(citizen.id).length;
    expect(text.length).toBeGreaterThan(6000);
    const { unitId } = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });

    await service.app.caseActions.act(
      no,
      { type: "answer", outcome: "support", text },
      { kind: "handler", id: "handler-test", unitId: unitId! },
    );
    await deliver(service);
    return { citizen, no, before };
  }

  it("arrives whole, in order, in messages Telegram takes, the notice with the number first", async () => {
    const { telegram } = staff;
    const { citizen, no, before } = await answeredLong();

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

  it("shows the case's page (/status 编号) whole, in messages Telegram takes, the number first and the answer's line breaks kept", async () => {
    const half = answer.indexOf("第201项");
    const withLines = `${answer.slice(0, half)}\n\n二、后续安排\n${answer.slice(half)}`;
    const { citizen, no } = await answeredLong(withLines);
    await citizen.command(`/status ${no}`);

    const told = citizen.replies.map((m) => m.text ?? "");
    // The answer's notices, delivered since the citizen last wrote, come first; then the page.
    const page = told.slice(told.findIndex((text) => text.startsWith(`编号：${no}\n`)));
    expect(page.length).toBeGreaterThanOrEqual(2);
    expect(page.every((text) => text.length <= 4096)).toBe(true);
    expect(page[0]).toContain("现在：已答复");
    // Every sentence once and in order; the paragraph the unit wrote still a paragraph.
    const shown = page.join("\n");
    const at = shown.indexOf("第1项，");
    expect(shown.slice(at)).toContain("二、后续安排");
    expect(shown.replace(/\s/g, "")).toContain(withLines.replace(/\s/g, ""));
    expect(shown).toContain("\n二、后续安排\n");
    expect(shown).toContain("办理经过：");
  });
});
