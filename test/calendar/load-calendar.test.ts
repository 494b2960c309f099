import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCalendar, parseCalendarYear } from "../../src/calendar/load-calendar.ts";
import { describeDay, isWorkingDay } from "../../src/domain/calendar.ts";
import { isAppError } from "../../src/errors.ts";

describe("the shipped calendar", () => {
  it("covers 2025 and 2026, from the State Council's notices", async () => {
    const calendar = await loadCalendar();
    expect(calendar.years).toEqual([2025, 2026]);
  });

  it("knows the 2025 holidays and 调休 days", async () => {
    const calendar = await loadCalendar();
    for (const day of [
      "2025-01-01",
      "2025-01-28",
      "2025-02-04",
      "2025-05-05",
      "2025-06-02",
      "2025-10-08",
    ]) {
      expect(describeDay(calendar, day).kind, day).toBe("holiday");
    }
    for (const day of ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]) {
      expect(describeDay(calendar, day).kind, day).toBe("makeup_workday");
    }
    expect(isWorkingDay(calendar, "2025-10-09")).toBe(true);
  });

  it("knows the 2026 holidays and 调休 days", async () => {
    const calendar = await loadCalendar();
    for (const day of [
      "2026-01-02",
      "2026-02-15",
      "2026-02-23",
      "2026-05-05",
      "2026-09-25",
      "2026-10-07",
    ]) {
      expect(describeDay(calendar, day).kind, day).toBe("holiday");
    }
    for (const day of [
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]) {
      expect(describeDay(calendar, day).kind, day).toBe("makeup_workday");
    }
  });
});

describe("an operator's calendar folder", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const folderWith = async (files: Record<string, string>) => {
    dir = await mkdtemp(join(tmpdir(), "calendar-"));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  };

  const year2027 = [
    "year: 2027",
    "source: test notice",
    "festivals:",
    "  - name: 元旦",
    "    nameEn: New Year's Day",
    "    from: 2027-01-01",
    "    to: 2027-01-03",
  ].join("\n");

  it("takes every cn-<year>.yaml and ignores other files", async () => {
    const calendar = await loadCalendar(
      await folderWith({ "cn-2027.yaml": year2027, "notes.txt": "x" }),
    );
    expect(calendar.years).toEqual([2027]);
    expect(describeDay(calendar, "2027-01-01").kind).toBe("holiday");
  });

  it("without any year file gives weekends only", async () => {
    const calendar = await loadCalendar(await folderWith({}));
    expect(calendar.years).toEqual([]);
  });

  it("refuses a file whose year is not its name's, naming the line", async () => {
    const folder = await folderWith({ "cn-2028.yaml": year2027 });
    await expect(loadCalendar(folder)).rejects.toThrow(/cn-2028\.yaml:1: year: 2027/);
  });
});

describe("a year file with a mistake", () => {
  const refused = (text: string) => {
    try {
      parseCalendarYear(text, "cn-2025.yaml");
    } catch (error) {
      return isAppError(error, "config.invalid") ? error.message : "other error";
    }
    return "no error";
  };
  const file = (festival: string) =>
    `year: 2025\nsource: test\nfestivals:\n  - name: 国庆节\n    nameEn: National Day\n${festival}`;

  it("names the line and field of a date that does not exist", () => {
    expect(refused(file("    from: 2025-09-31\n    to: 2025-10-07\n"))).toBe(
      "cn-2025.yaml:6: festivals.0.from: a date written YYYY-MM-DD",
    );
  });

  it("names a make-up working day that is not a weekend day", () => {
    expect(
      refused(file("    from: 2025-10-01\n    to: 2025-10-07\n    makeUpWorkdays: [2025-09-29]\n")),
    ).toBe("cn-2025.yaml:8: festivals.0.makeUpWorkdays.0: 2025-09-29 is not a Saturday or Sunday");
  });

  it("names a festival that ends before it starts", () => {
    expect(refused(file("    from: 2025-10-07\n    to: 2025-10-01\n"))).toMatch(
      /^cn-2025\.yaml:7: festivals\.0\.to: ends before it starts/,
    );
  });

  it("names a date far from its year", () => {
    expect(refused(file("    from: 2023-10-01\n    to: 2023-10-07\n"))).toMatch(
      /festivals\.0\.from: 2023-10-01 is not in 2025/,
    );
  });

  it("names a YAML syntax error's line", () => {
    expect(refused("year: 2025\nsource: [unclosed\n")).toMatch(/^cn-2025\.yaml:\d+: /);
  });
});
