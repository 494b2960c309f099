import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "../../../src/domain/calendar.ts";
import {
  acceptanceDeadline,
  calendarDaysDeadline,
  handlingDeadline,
  isPast,
  returnDeadline,
  reviewAnswerDeadline,
  reviewRequestDeadline,
} from "../../../src/domain/lifecycle/deadlines.ts";
import { at, calendar } from "./fixtures.ts";

describe("a period of days", () => {
  it("starts the day after its event and ends at midnight, Shanghai time, of its last day", () => {
    const deadline = acceptanceDeadline(calendar, at("2025-03-03 23:30"));
    expect(deadline.date).toBe("2025-03-18");
    expect(deadline.at).toEqual(new Date("2025-03-18T15:59:59.999Z"));
  });

  it("counts the Shanghai day of an instant, not the UTC one", () => {
    // 2025-03-03 07:30 in Shanghai is still 2 March in UTC.
    expect(acceptanceDeadline(calendar, at("2025-03-03 07:30")).date).toBe("2025-03-18");
  });

  it("runs to the next working day when its last day is a Sunday", () => {
    expect(acceptanceDeadline(calendar, at("2025-03-01 10:00")).date).toBe("2025-03-17");
  });

  it("runs past a public holiday to the first working day after it", () => {
    // 15 days after 16 September 2025 is 1 October; the holiday lasts to 8 October.
    expect(acceptanceDeadline(calendar, at("2025-09-16 10:00")).date).toBe("2025-10-09");
  });

  it("may end on a 调休 Saturday, which is a working day", () => {
    expect(acceptanceDeadline(calendar, at("2025-09-26 10:00")).date).toBe("2025-10-11");
  });

  it("counts weekends only beyond the calendar data, and says so", () => {
    const deadline = acceptanceDeadline(calendar, at("2027-09-16 10:00"));
    expect(deadline).toMatchObject({ date: "2027-10-01", beyondCalendar: true });
    expect(acceptanceDeadline(calendar, at("2025-09-16 10:00")).beyondCalendar).toBe(false);
  });

  it("is a positive whole number of days", () => {
    expect(() => calendarDaysDeadline(calendar, at("2025-03-03 10:00"), 0)).toThrow(/positive/);
  });
});

describe("the handling period", () => {
  it("is 60 days from acceptance", () => {
    expect(handlingDeadline(calendar, at("2025-06-10 10:00"), "complaint").date).toBe("2025-08-11");
  });

  it("is extended from acceptance, not from the shifted due date", () => {
    // 60 days after 3 March 2025 fall in the Labour Day holiday (due 6 May); 90 days fall on
    // Sunday 1 June, in the Dragon Boat holiday (due 3 June).
    expect(handlingDeadline(calendar, at("2025-03-03 10:00"), "complaint").date).toBe("2025-05-06");
    expect(handlingDeadline(calendar, at("2025-03-03 10:00"), "complaint", 30).date).toBe(
      "2025-06-03",
    );
  });

  it("crosses the Spring Festival of 2026", () => {
    // 60 days after 17 December 2025 is Sunday 15 February 2026, the first day off.
    expect(handlingDeadline(calendar, at("2025-12-17 10:00"), "complaint").date).toBe("2026-02-24");
  });
});

describe("the unit's return window", () => {
  it("is 5 working days, skipping weekends", () => {
    expect(returnDeadline(calendar, at("2025-03-06 10:00")).date).toBe("2025-03-13");
  });

  it("skips the National Day holiday and counts its 调休 days", () => {
    // Friday 26 September 2025: Sunday 28 (调休), 29, 30 September, 9 and 10 October.
    expect(returnDeadline(calendar, at("2025-09-26 10:00")).date).toBe("2025-10-10");
    // Monday 29 September 2025: 30 September, 9, 10, 11 (调休 Saturday) and 13 October.
    expect(returnDeadline(calendar, at("2025-09-29 10:00")).date).toBe("2025-10-13");
  });

  it("starts counting on the next working day when the case arrives on a holiday", () => {
    // Arrived in the 2026 Spring Festival: 24, 25, 26, 27 and Saturday 28 February (调休).
    expect(returnDeadline(calendar, at("2026-02-17 10:00")).date).toBe("2026-02-28");
  });

  it("counts weekends only with an empty calendar", () => {
    const weekendsOnly = createWorkingCalendar([]);
    expect(returnDeadline(weekendsOnly, at("2025-09-29 10:00"))).toMatchObject({
      date: "2025-10-06",
      beyondCalendar: true,
    });
  });
});

describe("the review windows", () => {
  it("give the citizen 30 days after the answer to ask", () => {
    const window = reviewRequestDeadline(calendar, at("2025-03-10 10:00"));
    expect(window.date).toBe("2025-04-09");
    expect(isPast(window.at, at("2025-04-09 23:59"))).toBe(false);
    expect(isPast(window.at, at("2025-04-10 00:00"))).toBe(true);
  });

  it("give the citizen until after a holiday when the 30th day falls in it", () => {
    expect(reviewRequestDeadline(calendar, at("2025-09-01 10:00")).date).toBe("2025-10-09");
  });

  it("give the reviewing body 30 days to answer", () => {
    // 30 days after 1 April 2025 is 1 May, Labour Day: due 6 May.
    expect(reviewAnswerDeadline(calendar, at("2025-04-01 10:00")).date).toBe("2025-05-06");
  });
});
