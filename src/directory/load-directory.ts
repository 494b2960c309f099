import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PLACE_KINDS, type Directory } from "../domain/directory.ts";
import { CASE_CLASSES } from "../domain/vocabulary.ts";
import { parseYamlFile } from "../config/yaml-file.ts";
import { AppError } from "../errors.ts";
import { pinyinName } from "../domain/places/town-names.ts";
import { loadPlaces } from "./load-places.ts";

export const DEFAULT_DIRECTORY_FILE = fileURLToPath(
  new URL("./default-directory.yaml", import.meta.url),
);
/** The places file the default directory names. */
export const DEFAULT_PLACES_FILE = fileURLToPath(
  new URL("./default-places.geojson", import.meta.url),
);

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, "a lower-case code (a-z, 0-9, _)");
const text = z.string().trim().min(1);

const DirectorySchema = z
  .object({
    version: z.literal(1),
    city: text,
    cityEn: text.optional(),
    trackingPrefix: z.string().regex(/^[A-Z]{1,6}$/, "1 to 6 capital letters"),
    /** A GeoJSON file of seats and areas, relative to the directory file (load-places.ts). */
    places: z
      .string()
      .regex(/\.(geo)?json$/, "a .geojson file next to the directory")
      .optional(),
    categories: z
      .array(
        z.object({
          code,
          name: text,
          nameEn: text,
          department: code,
          class: z.enum(CASE_CLASSES),
          plain: text,
          plainEn: text,
          placeIs: z.enum(PLACE_KINDS).default("place"),
        }),
      )
      .min(1),
    // English names are optional so that a directory written before them still loads;
    // without them an English reader gets the units' Chinese names (unitNameIn).
    departments: z.array(z.object({ code, name: text, nameEn: text.optional() })).min(1),
    regions: z
      .array(
        z.object({
          code,
          name: text,
          nameEn: text,
          level: z.enum(["city", "district", "county", "county_city", "development_zone"]),
          names: z.array(text).min(1),
          towns: z.array(text).default([]),
          looseNames: z.array(text).default([]),
        }),
      )
      .min(1),
    units: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9_.-]+$/, "lower-case letters, digits, '_', '.', '-'"),
          name: text,
          nameEn: text.optional(),
          department: code,
          region: code,
          telegramChatId: z
            .string()
            .regex(/^-?\d+$/, "a numeric Telegram chat id")
            .optional(),
          wecomUserIds: z.array(text).optional(),
        }),
      )
      .min(1),
    /** A city-level unit's id: who takes a review when the answering unit has none above it. */
    reviewUnit: z.string().optional(),
  })
  .superRefine((directory, ctx) => {
    const departments = new Set(directory.departments.map((d) => d.code));
    const regions = new Set(directory.regions.map((r) => r.code));
    const unitKeys = new Set(directory.units.map((u) => `${u.department}/${u.region}`));
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });

    reportDuplicates(directory.categories, (c) => c.code, ["categories"], "code", issue);
    reportDuplicates(directory.departments, (d) => d.code, ["departments"], "code", issue);
    reportDuplicates(directory.regions, (r) => r.code, ["regions"], "code", issue);
    reportDuplicates(directory.units, (u) => u.id, ["units"], "id", issue);
    if (directory.regions.filter((r) => r.level === "city").length !== 1) {
      issue(["regions"], "exactly one region must have level: city");
    }
    let brokenReferences = false;
    directory.units.forEach((unit, i) => {
      if (!departments.has(unit.department)) {
        issue(["units", i, "department"], `unknown department "${unit.department}"`);
        brokenReferences = true;
      }
      if (!regions.has(unit.region)) {
        issue(["units", i, "region"], `unknown region "${unit.region}"`);
        brokenReferences = true;
      }
    });
    // A missing unit is only worth reporting once the units themselves are right.
    if (brokenReferences) return;
    if (directory.reviewUnit !== undefined) {
      const unit = directory.units.find((u) => u.id === directory.reviewUnit);
      const city = directory.regions.find((r) => r.level === "city");
      if (!unit) issue(["reviewUnit"], `unknown unit "${directory.reviewUnit}"`);
      else if (unit.region !== city?.code)
        issue(["reviewUnit"], `unit "${unit.id}" is not of the city level`);
    }
    directory.categories.forEach((category, i) => {
      if (!departments.has(category.department)) {
        issue(["categories", i, "department"], `unknown department "${category.department}"`);
        return;
      }
      const uncovered = directory.regions.find(
        (region) => !unitKeys.has(`${category.department}/${region.code}`),
      );
      if (uncovered) {
        issue(
          ["categories", i, "department"],
          `no unit of department "${category.department}" in region "${uncovered.code}"`,
        );
      }
    });
  });

function reportDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: string[],
  field: string,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const value = key(item);
    if (seen.has(value)) issue([...path, i, field], `duplicate ${field} "${value}"`);
    seen.add(value);
  });
}

/**
 * Reads and validates a directory file (YAML) and the places file it names.
 * @throws AppError("config.directory") naming the file, line and field at fault.
 */
export async function loadDirectory(file: string = DEFAULT_DIRECTORY_FILE): Promise<Directory> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (cause) {
    throw new AppError("config.directory", `directory file ${file} cannot be read`, { cause });
  }
  const { places, ...directory } = parseDirectoryFile(source, file);
  if (places === undefined) return directory;
  return { ...directory, places: await loadPlaces(resolve(dirname(file), places), directory) };
}

/**
 * Parses directory YAML without reading the places file it names;
 * `file` only names the source in error messages.
 */
export function parseDirectory(source: string, file: string): Directory {
  const { places: _places, ...directory } = parseDirectoryFile(source, file);
  return directory;
}

function parseDirectoryFile(source: string, file: string) {
  const { cityEn, ...directory } = parseYamlFile(
    source,
    file,
    DirectorySchema,
    "config.directory",
  ).data;
  // 周口市 → "Zhoukou": without 市, as a city's English name is written.
  return { ...directory, cityEn: cityEn ?? pinyinName(directory.city.replace(/市$/u, "")) };
}
