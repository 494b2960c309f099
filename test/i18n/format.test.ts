/**
 * The ways a day and a name are written for the staff, once for every place that shows them
 * (the staff cards, the console's case page, the CSV export).
 */
import { describe, expect, it } from "vitest";
import { contactName, occurredDay } from "../../src/i18n/format.ts";

/** 2026-01-10, 08:00 in Beijing: a day of the winter that began in December 2025. */
const JANUARY = new Date("2026-01-10T00:00:00.000Z");
/** 2026-09-30, 23:30 in Beijing, still the day before in UTC. */
const SEPTEMBER = new Date("2026-09-30T15:30:00.000Z");

describe("the day a citizen's time words were read as", () => {
  it("is written no more precisely than the words said it, approximate below a day", () => {
    expect(
      (["day", "month", "season", "year"] as const).map((p) => [
        occurredDay("zh", SEPTEMBER, p),
        occurredDay("en", SEPTEMBER, p),
      ]),
    ).toEqual([
      ["2026年9月30日", "30 September 2026"],
      ["约 2026年9月", "about September 2026"],
      ["约 2026年秋天", "about autumn 2026"],
      ["约 2026年", "about 2026"],
    ]);
  });

  it("counts January and February to the winter that began the December before", () => {
    expect(occurredDay("zh", JANUARY, "season")).toBe("约 2025年冬天");
    expect(occurredDay("en", JANUARY, "season")).toBe("about winter 2025");
    expect(occurredDay("zh", JANUARY, "year")).toBe("约 2026年");
  });

  it("writes days and months as the console's dates in its numeric style, the rest alike", () => {
    expect(
      (["day", "month", "season", "year"] as const).map((p) => [
        occurredDay("zh", SEPTEMBER, p, "numeric"),
        occurredDay("en", SEPTEMBER, p, "numeric"),
      ]),
    ).toEqual([
      ["2026-09-30", "2026-09-30"],
      ["约 2026-09", "about 2026-09"],
      ["约 2026年秋天", "about autumn 2026"],
      ["约 2026年", "about 2026"],
    ]);
  });
});

describe("a contact's name", () => {
  it("says a surname given alone is one, and leaves a full name as it is", () => {
    expect(contactName("zh", "赵")).toBe("赵（只留了姓）");
    expect(contactName("en", "赵")).toBe("赵 (surname only)");
    expect(contactName("zh", "张建国")).toBe("张建国");
    expect(contactName("en", "老王")).toBe("老王");
  });
});
