/**
 * The routing directory: what citizens complain about (categories), where
 * (regions), and who is competent (units: one per department and region).
 * Loaded from a data file at start; see src/directory/.
 */

import type { Locale } from "./locale.ts";
import type { Places } from "./places/places.ts";
import type { CaseClass } from "./vocabulary.ts";

export type { CaseClass } from "./vocabulary.ts";

export type RegionLevel = "city" | "district" | "county" | "county_city" | "development_zone";

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly department: string;
  readonly class: CaseClass;
  /** What the category covers, in the citizen's words. */
  readonly plain: string;
  readonly plainEn: string;
  /** What "where?" asks for: the place of the problem, or the employer's site (欠薪). */
  readonly placeIs: PlaceKind;
}

/** What the place question of a category asks for. */
export const PLACE_KINDS = ["place", "workplace"] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface Department {
  readonly code: string;
  readonly name: string;
  /** Its English name without the place ("Urban Management Bureau"); see unitNameIn. */
  readonly nameEn?: string;
}

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly level: RegionLevel;
  /** Every name the region goes by in a complaint; the first is the official one. */
  readonly names: readonly string[];
  /** Towns, townships and street offices (乡镇/街道) of the region. */
  readonly towns: readonly string[];
  /**
   * Names that mean this region only when no other is named (开发区 alone is the
   * city's development zone; 项城开发区 is not), in Chinese or English.
   */
  readonly looseNames?: readonly string[];
}

export interface Unit {
  readonly id: string;
  readonly name: string;
  /** Its English name when it is not its region's and department's together (a 分局). */
  readonly nameEn?: string;
  readonly department: string;
  readonly region: string;
  readonly telegramChatId?: string | undefined;
  readonly wecomUserIds?: readonly string[] | undefined;
}

export interface Directory {
  readonly version: number;
  /** The city's name, as the service calls itself (周口市群众诉求服务). */
  readonly city: string;
  /** The city's name in English ("Zhoukou"): given in the file, or its name spelled in pinyin. */
  readonly cityEn: string;
  /** Prefix of tracking numbers, e.g. "ZK" in ZK-20261128-0042. */
  readonly trackingPrefix: string;
  readonly categories: readonly Category[];
  readonly departments: readonly Department[];
  readonly regions: readonly Region[];
  readonly units: readonly Unit[];
  /**
   * The unit that takes a 复查 or 复核 when the unit that answered has no unit of its department
   * above it (a city-level department): the city government's body for petitions. Absent: the
   * clerk chooses (see reviewOrgan).
   */
  readonly reviewUnit?: string;
  /** Seats and areas of the regions and towns, when the directory file names a places file. */
  readonly places?: Places;
}

/** The unit with id `id`, if the directory has it (a stored id may name a unit since removed). */
export function unitById(directory: Pick<Directory, "units">, id: string): Unit | undefined {
  return directory.units.find((unit) => unit.id === id);
}

/** The region code of the city level (市本级); every directory has exactly one. */
export function cityRegion(directory: Directory): Region {
  const city = directory.regions.find((region) => region.level === "city");
  if (!city) throw new Error("directory has no city-level region");
  return city;
}

/** A category's or region's name in `locale`: Chinese, or its English name. */
export function nameIn(
  entry: { readonly name: string; readonly nameEn: string },
  locale: Locale,
): string {
  return locale === "zh" ? entry.name : entry.nameEn;
}

/** The name in `locale` of the entry `code` of `entries`; the code when the directory has none. */
export function nameOfCode(
  entries: readonly { readonly code: string; readonly name: string; readonly nameEn: string }[],
  code: string,
  locale: Locale,
): string {
  const entry = entries.find((e) => e.code === code);
  return entry ? nameIn(entry, locale) : code;
}

/**
 * The name of `unit` in `locale`, as a citizen reads it. In English: the unit's own nameEn, else
 * its place and department put together ("Chuanhui District Urban Management Bureau"; a city-level
 * unit by the city's English name, "Zhoukou City …"). When the directory lacks an
 * English name for either part, the Chinese name is given: it is the official name the citizen
 * can quote on the phone or at the office, where a half-translated one would match nothing.
 */
export function unitNameIn(
  directory: Pick<Directory, "cityEn" | "departments" | "regions">,
  unit: Unit,
  locale: Locale,
): string {
  if (locale === "zh") return unit.name;
  if (unit.nameEn !== undefined) return unit.nameEn;
  const region = directory.regions.find((r) => r.code === unit.region);
  const place = region?.level === "city" ? cityPlaceInEnglish(directory) : region?.nameEn;
  const department = directory.departments.find((d) => d.code === unit.department)?.nameEn;
  return place !== undefined && department !== undefined ? `${place} ${department}` : unit.name;
}

/**
 * The city as a place in English ("Zhoukou City"): the city level where a case is, and the place
 * in its city-level units' names.
 */
export function cityPlaceInEnglish(directory: Pick<Directory, "cityEn">): string {
  return `${directory.cityEn} City`;
}

/** The name in `locale` of the unit `id`; null when the directory no longer has it. */
export function unitNameOfId(
  directory: Pick<Directory, "cityEn" | "departments" | "regions" | "units">,
  id: string,
  locale: Locale,
): string | null {
  const unit = unitById(directory, id);
  return unit ? unitNameIn(directory, unit, locale) : null;
}
