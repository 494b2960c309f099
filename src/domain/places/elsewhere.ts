/**
 * A place outside the city named in a citizen's words ("在郑州东区那个工地", "去深圳打工",
 * "睢县"): the service handles its own city's matters, so the citizen is told where such a
 * matter goes, and may still file it here when it concerns the city (a worker from here whose
 * wages are kept by an employer elsewhere).
 *
 * Hand-written: no library reads place names out of free Chinese text. The names themselves
 * come from a list of China's divisions (see src/directory/china-divisions.ts).
 */
import { pinyin } from "pinyin-pro";
import type { Directory } from "../directory.ts";

/** China's provinces with their cities and counties, as their official names (河南省, 郑州市, 杞县). */
export type ChinaDivisions = readonly {
  readonly name: string;
  readonly cities: readonly string[];
  readonly counties: readonly string[];
}[];

/**
 * Where a matter lies when it is outside the city: `place`, the official name of the place
 * the words name (郑州市, 宝安区), or null when a point shared lies outside the city's areas.
 */
export interface PlaceOutsideCity {
  readonly place: string | null;
}

export interface PlacesElsewhere {
  /** The official name of the first place outside the city the words name, or null. */
  placeNamed(text: string): string | null;
}

/** Reads no place: a city without a list of divisions never tells a place elsewhere. */
export const NO_PLACES_ELSEWHERE: PlacesElsewhere = { placeNamed: () => null };

/** The suffixes an official name drops in speech (河南省 → 河南, 恩施土家族苗族自治州 → 恩施). */
const SUFFIX =
  /(?:(?:壮族|回族|维吾尔|蒙古族|藏族|朝鲜族|土家族苗族|苗族侗族|布依族苗族|哈尼族彝族|彝族|傣族|白族|傈僳族|景颇族|羌族|哈萨克|柯尔克孜|黎族苗族)?自治[区州]|特别行政区|地区|省|市|盟)$/;

/**
 * What makes a name a road, a shop, a dish or a person ("北京路", "郑州烩面", "郑州人", "新县城"):
 * such words say nothing of where the matter is.
 */
const NOT_THE_PLACE_AFTER =
  /^(?:路|街|大街|大道|道|巷|弄|胡同|小区|花园|广场|大厦|商场|商城|市场|饭店|酒店|宾馆|烩面|菜|人|话|口音|牌|城(?!关))/;

/**
 * A name said without its suffix counts only where it is said to be a place: after "在", "去",
 * "到", "从", "来自"… ("在开封" is Kaifeng; "没开封的货" is goods unopened).
 */
const SAID_AS_A_PLACE_BEFORE = /(?:^|[^不])(?:在|去|到|从|来自|回|住|于|赴|是)$/;

/**
 * Or at the start of the words, when what follows makes it a place ("郑州的工地", "郑州",
 * "深圳宝安区").
 */
const SAID_AS_A_PLACE_AFTER =
  /^(?:$|[，,。.！!？?\s]|的|那|这|打工|上班|干活|工地|市区|[\u4e00-\u9fff]{1,3}[区县镇])/u;

/**
 * A province's or city's name in pinyin, as foreign residents write it ("my employer in
 * Zhengzhou"): five letters at least, as shorter ones are words or names (阿里 is Ali, 哈密 Hami).
 */
const MIN_PINYIN_LETTERS = 5;

/** "Shanghai Road", "Beijing Lu": a road named after a place elsewhere. */
const NOT_THE_PLACE_AFTER_EN =
  /^\s+(?:road|rd|street|st|avenue|ave|lu|jie|lane|plaza|gardens?|community|hotel|restaurant|mall|market)\b/iu;

interface Name {
  readonly words: string;
  readonly official: string;
  /** 0 a province, 1 a city, 2 a county: the most precise place named is told. */
  readonly level: number;
  /** Said without its suffix: counts only after words that make it a place. */
  readonly short: boolean;
}

/**
 * The reader of places elsewhere over `divisions`, leaving out the directory's city, the
 * province it is in, and every name and town of its regions.
 * A county counts by its full name only (杞县, 永城市): said short, too many are words.
 */
export function createPlacesElsewhere(
  divisions: ChinaDivisions,
  directory: Pick<Directory, "city" | "regions">,
): PlacesElsewhere {
  const home = new Set([
    directory.city,
    ...directory.regions.flatMap((region) => [
      ...region.names,
      ...region.towns,
      ...(region.looseNames ?? []),
    ]),
  ]);
  const isHome = (province: ChinaDivisions[number]) => province.cities.includes(directory.city);
  // The city's own province is said of the city too ("河南周口"): alone, it tells nothing.
  const homeProvince = divisions
    .filter(isHome)
    .flatMap((province) => withShortName(province.name, 0))
    .map((name) => name.words);
  const names = divisions.flatMap((province) => [
    ...(isHome(province) ? [] : withShortName(province.name, 0)),
    ...province.cities.flatMap((city) => withShortName(city, 1)),
    ...province.counties
      .filter((name) => /[县市旗]$/.test(name))
      .map((name): Name => ({ words: name, official: name, level: 2, short: false })),
  ]);
  const elsewhere = names.filter(
    (name) => name.words.length >= 2 && !home.has(name.words) && !home.has(name.official),
  );
  // Longest first, so that 郑州市 is read before 郑州 and 张家口 before 张家.
  elsewhere.sort((a, b) => b.words.length - a.words.length);
  const byFirstChar = new Map<string, Name[]>();
  for (const name of elsewhere) {
    const first = name.words[0] ?? "";
    const named = byFirstChar.get(first);
    if (named) named.push(name);
    else byFirstChar.set(first, [name]);
  }

  const inPinyin = pinyinNames(elsewhere);

  return {
    placeNamed(text) {
      let named: Name | null = inPinyin(text);
      const placesBefore = [...homeProvince];
      for (let at = 0; at < text.length; at += 1) {
        const name = byFirstChar.get(text[at] ?? "")?.find((n) => text.startsWith(n.words, at));
        if (name === undefined) continue;
        const before = text.slice(0, at);
        const after = text.slice(at + name.words.length);
        at += name.words.length - 1;
        if (NOT_THE_PLACE_AFTER.test(after) || /不在$/.test(before)) continue;
        if (name.short && !saidAsAPlace(before, after, placesBefore)) continue;
        placesBefore.push(name.words);
        if (named === null || name.level > named.level) named = name;
      }
      return named?.official ?? null;
    },
  };
}

/** The reader of provinces and cities written in pinyin, by their names said short. */
function pinyinNames(names: readonly Name[]): (text: string) => Name | null {
  const byPinyin = new Map<string, Name>();
  for (const name of names.filter((n) => n.short && n.level < 2)) {
    const spelt = spelling(name.words);
    if (spelt.length >= MIN_PINYIN_LETTERS) byPinyin.set(spelt, name);
  }
  return (text) => {
    for (const word of text.matchAll(/[A-Za-z]+/gu)) {
      const name = byPinyin.get(word[0].toLowerCase());
      const after = text.slice(word.index + word[0].length);
      if (name !== undefined && !NOT_THE_PLACE_AFTER_EN.test(after)) return name;
    }
    return null;
  };
}

/** Each name's pinyin, spelt once a process: every reader built (a test's many) spells the same. */
const SPELT = new Map<string, string>();

function spelling(words: string): string {
  const known = SPELT.get(words);
  if (known !== undefined) return known;
  const spelt = pinyin(words, { toneType: "none", type: "array" }).join("");
  SPELT.set(words, spelt);
  return spelt;
}

function withShortName(official: string, level: number): Name[] {
  const short = official.replace(SUFFIX, "");
  const full: Name = { words: official, official, level, short: false };
  return short === official || short.length < 2
    ? [full]
    : [full, { words: short, official, level, short: true }];
}

/** A name said short is a place after "在…", at the start as a place, or after a place ("安徽亳州"). */
function saidAsAPlace(before: string, after: string, placesBefore: readonly string[]): boolean {
  return (
    SAID_AS_A_PLACE_BEFORE.test(before) ||
    (before === "" && SAID_AS_A_PLACE_AFTER.test(after)) ||
    placesBefore.some((place) => before.endsWith(place))
  );
}
