/**
 * The clerks' digest of a round's escalations: one text for every case the round found
 * overdue, the most overdue first, each with its deadline and unit, the first 30 by name and
 * the rest counted; tracking numbers only, never a citizen.
 */
import { describe, expect, it } from "vitest";
import {
  ESCALATION_DIGEST_TOP,
  escalationDigestText,
  type EscalatedCase,
} from "../../src/notifications/escalation-digest-zh.ts";

const DUE = new Date("2026-12-01T15:59:59.999Z"); // the end of 1 December in Beijing

function overdue(trackingNo: string, overdueDays: number): EscalatedCase {
  return { trackingNo, clock: "handling", dueAt: DUE, overdueDays, unitName: "川汇区城市管理局" };
}

describe("escalation digest", () => {
  it("lists each overdue case with its deadline, days over and unit, the most overdue first", () => {
    const text = escalationDigestText([
      overdue("ZK-2026-000002", 1),
      { ...overdue("ZK-2026-000003", 4), clock: "acceptance", unitName: null },
      overdue("ZK-2026-000001", 1),
    ]);

    expect(text.split("\n")).toEqual([
      "【超期督办】3 件事项已超过期限，请督办：",
      "· ZK-2026-000003 受理期限 2026年12月1日，已超过 4 天",
      "· ZK-2026-000001 办理期限 2026年12月1日，已超过 1 天（川汇区城市管理局）",
      "· ZK-2026-000002 办理期限 2026年12月1日，已超过 1 天（川汇区城市管理局）",
    ]);
  });

  it("names the first 30 and counts the rest, which the console lists", () => {
    const cases = Array.from({ length: 45 }, (_, i) =>
      overdue(`ZK-2026-${String(i + 1).padStart(6, "0")}`, i % 5),
    );

    const lines = escalationDigestText(cases).split("\n");

    expect(lines[0]).toBe("【超期督办】45 件事项已超过期限，请督办：");
    expect(lines.filter((line) => line.startsWith("· "))).toHaveLength(ESCALATION_DIGEST_TOP);
    expect(lines[1]).toContain("已超过 4 天");
    expect(lines.at(-1)).toBe("另有 15 件，见控制台案件列表。");
  });

  it("has nothing to say without a case", () => {
    expect(() => escalationDigestText([])).toThrow(RangeError);
  });
});
