import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  createWorkingCalendar,
  isLocalDate,
  weekdayOf,
  type CalendarYear,
  type WorkingCalendar,
} from "../domain/calendar.ts";
import { parseYamlFile } from "../config/yaml-file.ts";
import { AppError } from "../errors.ts";

/** The folder of the shipped cn-<year>.yaml files. */
export const DEFAULT_CALENDAR_DIR = fileURLToPath(new URL(".", import.meta.url));

const FILE_NAME = /^cn-(\d{4})\.yaml$/;

const date = z.string().refine(isLocalDate, "a date written YYYY-MM-DD");
const text = z.string().trim().min(1);

const CalendarYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    source: text,
    festivals: z
      .array(
        z.object({
          name: text,
          nameEn: text,
          from: date,
          to: date,
          makeUpWorkdays: z.array(date).default([]),
        }),
      )
      .min(1),
  })
  .superRefine((calendar, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    // A notice may put a make-up day in the December before, or a festival's end in the January after.
    const near = (day: string) => Math.abs(Number(day.slice(0, 4)) - calendar.year) <= 1;
    calendar.festivals.forEach((festival, i) => {
      const far = (day: string) => `${day} is not in ${calendar.year} or a year next to it`;
      if (!near(festival.from)) issue(["festivals", i, "from"], far(festival.from));
      if (!near(festival.to)) issue(["festivals", i, "to"], far(festival.to));
      if (festival.to < festival.from) {
        issue(["festivals", i, "to"], `ends before it starts (${festival.from})`);
      }
      festival.makeUpWorkdays.forEach((day, j) => {
        const weekday = weekdayOf(day);
        if (weekday !== 0 && weekday !== 6) {
          issue(["festivals", i, "makeUpWorkdays", j], `${day} is not a Saturday or Sunday`);
        }
        if (day >= festival.from && day <= festival.to) {
          issue(["festivals", i, "makeUpWorkdays", j], `${day} is one of the days off`);
        }
        if (!near(day)) issue(["festivals", i, "makeUpWorkdays", j], far(day));
      });
    });
  });

/**
 * Reads every cn-<year>.yaml of `dir` into one working calendar. A folder
 * without such files gives a weekends-only calendar (`years` is empty).
 * @throws AppError("config.invalid") naming the file, line and field at fault,
 * when a file cannot be read, is not valid, or its year is not its name's.
 */
export async function loadCalendar(dir: string = DEFAULT_CALENDAR_DIR): Promise<WorkingCalendar> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
  } catch (cause) {
    throw new AppError("config.invalid", `calendar folder ${dir} cannot be read`, { cause });
  }
  const years: CalendarYear[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let source: string;
    try {
      source = await readFile(file, "utf8");
    } catch (cause) {
      throw new AppError("config.invalid", `calendar file ${file} cannot be read`, { cause });
    }
    years.push(parseCalendarYear(source, file, Number(FILE_NAME.exec(name)?.[1])));
  }
  try {
    return createWorkingCalendar(years);
  } catch (cause) {
    throw new AppError("config.invalid", `calendar folder ${dir}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/**
 * Parses one year's YAML; `file` only names the source in error messages.
 * @throws AppError("config.invalid") with the file, line and field at fault,
 * also when `expectedYear` is given and the file's year differs.
 */
export function parseCalendarYear(
  source: string,
  file: string,
  expectedYear?: number,
): CalendarYear {
  const parsed = parseYamlFile(source, file, CalendarYearSchema, "config.invalid");
  if (expectedYear !== undefined && parsed.data.year !== expectedYear) {
    throw new AppError(
      "config.invalid",
      `${file}:${parsed.lineOf(["year"])}: year: ${parsed.data.year} in the file for ${expectedYear}`,
    );
  }
  return parsed.data;
}
