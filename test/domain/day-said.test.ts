/**
 * A day to come typed alone (a handler's promised day): the forms people type on a phone, read
 * from Saturday 2026-11-28 in Shanghai; words that say no day are null.
 */
import { describe, expect, it } from "vitest";
import { daySaid } from "../../src/domain/day-said.ts";

// 10:00 in Shanghai on Saturday 2026-11-28.
const NOW = new Date("2026-11-28T02:00:00Z");

describe("a day said", () => {
  it.each([
    ["12月20日", "2026-12-20"],
    ["12月20号前", "2026-12-20"],
    ["１２月２０日", "2026-12-20"],
    ["十二月二十日", "2026-12-20"],
    ["2026-12-20", "2026-12-20"],
    ["2026年12月20日之前", "2026-12-20"],
    ["2026/12/20", "2026-12-20"],
    ["12/20", "2026-12-20"],
    ["11月28日", "2026-11-28"],
    // A month-day passed this year is next year's.
    ["1月5日", "2027-01-05"],
    ["11月27日", "2027-11-27"],
    ["30号", "2026-11-30"],
    ["5号", "2026-12-05"],
    ["今天", "2026-11-28"],
    ["明天", "2026-11-29"],
    ["后天", "2026-11-30"],
    ["tomorrow", "2026-11-29"],
    // Weeks run Monday to Sunday: a weekday alone is the next one, 下周 the week after this.
    ["周五", "2026-12-04"],
    ["星期六", "2026-11-28"],
    ["周日", "2026-11-29"],
    ["本周日", "2026-11-29"],
    ["下周五", "2026-12-04"],
    ["下周一", "2026-11-30"],
    ["下下周三", "2026-12-09"],
    ["下星期天", "2026-12-06"],
  ])("reads %s as %s", (text, day) => {
    expect(daySaid(text, NOW)).toBe(day);
  });

  it.each(["尽快", "2月30日", "13月1日", "12月32日", "下个月", "", "不需要", "12月"])(
    "reads no day in %j",
    (text) => {
      expect(daySaid(text, NOW)).toBeNull();
    },
  );
});
