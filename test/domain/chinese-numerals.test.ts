/** Chinese numerals, read once for the time, place and group readers of the domain. */
import { describe, expect, it } from "vitest";
import { chineseNumeral } from "../../src/domain/chinese-numerals.ts";

describe("a Chinese numeral", () => {
  it.each([
    ["五", 5],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十五", 25],
    ["一百二十", 120],
    ["两百", 200],
    ["两千", 2000],
    ["俩", 2],
  ])("%s is %i", (written, value) => {
    expect(chineseNumeral(written)).toBe(value);
  });

  it("is read digit by digit when it has no 十, 百 or 千, as a house number is (一二 is 12)", () => {
    expect(chineseNumeral("一二")).toBe(12);
    expect(chineseNumeral("三零五")).toBe(305);
  });
});
