import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/errors.ts";
import {
  addWorkingDays,
  createWorkingCalendar,
  describeDay,
  endOfLocalDay,
  isLocalDate,
  isWorkingDay,
  localDateOf,
  startOfLocalDay,
  workingDayOnOrAfter,
  type CalendarYear,
} from "../../src/domain/calendar.ts";

const nationalDay2025: CalendarYear = {
  year: 2025,
  source: "test",
  festivals: [
    {
      name: "国庆节、中秋节",
      nameEn: "National Day and Mid-Autumn Festival",
      from: "2025-10-01",
      to: "2025-10-08",
      makeUpWorkdays: ["2025-09-28", "2025-10-11"],
    },
  ],
};
const calendar = createWorkingCalendar([nationalDay2025]);

describe("a calendar day", () => {
  it("is the Asia/Shanghai day of an instant", () => {
    expect(localDateOf(new Date("2025-09-30T16:00:00Z"))).toBe("2025-10-01");
    expect(localDateOf(new Date("2025-09-30T15:59:59Z"))).toBe("2025-09-30");
    expect(startOfLocalDay("2025-10-01")).toEqual(new Date("2025-09-30T16:00:00Z"));
    expect(endOfLocalDay("2025-10-01")).toEqual(new Date("2025-10-01T15:59:59.999Z"));
  });

  it("is written YYYY-MM-DD and must exist", () => {
    expect(isLocalDate("2024-02-29")).toBe(true);
    expect(isLocalDate("2025-02-29")).toBe(false);
    expect(isLocalDate("2025-9-1")).toBe(false);
  });
});

describe("a working day", () => {
  it("is a weekday that is not a holiday", () => {
    expect(describeDay(calendar, "2025-09-30")).toMatchObject({ kind: "workday", working: true });
    expect(describeDay(calendar, "2025-10-03")).toMatchObject({
      kind: "holiday",
      working: false,
      festival: "国庆节、中秋节",
    });
  });

  it("is also a 调休 weekend day worked to make up for a holiday", () => {
    expect(describeDay(calendar, "2025-09-28")).toMatchObject({
      kind: "makeup_workday",
      working: true,
    });
    expect(isWorkingDay(calendar, "2025-10-11")).toBe(true);
    expect(isWorkingDay(calendar, "2025-10-12")).toBe(false);
  });

  it("beyond the years in the data is any weekday, and the day says it is not covered", () => {
    expect(describeDay(calendar, "2027-10-01")).toMatchObject({
      kind: "workday",
      working: true,
      covered: false,
    });
    expect(describeDay(calendar, "2025-10-01").covered).toBe(true);
  });
});

describe("adding working days", () => {
  it("does not count the starting day, and skips holidays and weekends", () => {
    expect(addWorkingDays(calendar, "2025-09-29", 1).date).toBe("2025-09-30");
    expect(addWorkingDays(calendar, "2025-09-29", 2).date).toBe("2025-10-09");
    expect(addWorkingDays(calendar, "2025-09-29", 4).date).toBe("2025-10-11");
  });

  it("reports when it counted beyond the calendar data", () => {
    expect(addWorkingDays(calendar, "2025-12-30", 3)).toEqual({
      date: "2026-01-02",
      beyondCalendar: true,
    });
  });

  it("needs a positive whole number", () => {
    expect(() => addWorkingDays(calendar, "2025-09-29", 0)).toThrow(/positive/);
  });

  it("finds the first working day on or after a day", () => {
    expect(workingDayOnOrAfter(calendar, "2025-10-01").date).toBe("2025-10-09");
    expect(workingDayOnOrAfter(calendar, "2025-09-28").date).toBe("2025-09-28");
  });
});

describe("building a calendar", () => {
  const invalid = (years: CalendarYear[]) => {
    try {
      createWorkingCalendar(years);
    } catch (error) {
      return isAppError(error, "input.invalid") ? error.message : "other error";
    }
    return "no error";
  };

  it("lists the years it covers", () => {
    expect(calendar.years).toEqual([2025]);
    expect(createWorkingCalendar([]).years).toEqual([]);
  });

  it("refuses a year given twice", () => {
    expect(invalid([nationalDay2025, nationalDay2025])).toMatch(/twice/);
  });

  it("refuses a make-up working day on a weekday", () => {
    const festival = { ...nationalDay2025.festivals[0]!, makeUpWorkdays: ["2025-09-29"] };
    expect(invalid([{ ...nationalDay2025, festivals: [festival] }])).toMatch(/not a weekend day/);
  });

  it("refuses a festival that ends before it starts", () => {
    const festival = { ...nationalDay2025.festivals[0]!, to: "2025-09-01" };
    expect(invalid([{ ...nationalDay2025, festivals: [festival] }])).toMatch(/before it starts/);
  });
});
