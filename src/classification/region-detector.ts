import type { Directory } from "../domain/directory.ts";
import { pinyinSyllables, townCore, townSpellings } from "../domain/places/town-names.ts";
import { latinWords, splitPinyin, SYLLABLE_LIST } from "./language.ts";

/** The region a complaint names, and the words that show it. */
export interface RegionFinding {
  /** Region code, or null when the text does not let a careful reader know it. */
  readonly region: string | null;
  /** The names found (for the clerk's rationale); empty when none. */
  readonly evidence: readonly string[];
}

export interface RegionDetector {
  /** Never throws; never guesses: ambiguous or conflicting names give null. */
  detect(text: string): RegionFinding;
}

interface Entry {
  readonly surface: string;
  /** The name as written in the directory (a pinyin surface shows its Chinese name). */
  readonly display: string;
  /** city: a city-level name; loose: a name that counts only when no other region is named. */
  readonly kind: "name" | "town" | "city" | "loose";
  /** Regions this surface may mean (several for shared town names such as 城关镇). */
  readonly regions: readonly string[];
  /** A town whose name alone says nothing (城关镇, 城郊乡, 东城街道 …). */
  readonly generic: boolean;
}

interface Hit {
  readonly entry: Entry;
  readonly start: number;
  readonly end: number;
}

/**
 * A city-level office or place without a district ("市人社局", "市中心医院", "市不动产登记中心",
 * "市里"): 市 on its own ("去市…", "咱市…"), not the end of another city's name or of a word
 * (商丘市, 超市, 城市) nor the start of one (市场, 市民, 市政, 市容 …).
 */
const CITY_OFFICE =
  /(?:^|[^\p{Script=Han}]|(?<=[去到在找向给的是问了上从和跟与们咱俺本这该全我]))市(?!场|民|容|政(?!府)|面|值|价|井|长|县)(里|级|直|委|政府|[\p{Script=Han}]{0,8}?(局|委员会|中心|登记处|医院|办公室|站|法院|检察院|馆|所))/u;

/** Words after a place that make it the writer's home, not where the matter is ("项城人"). */
const ORIGIN_AFTER = /^(人(?!民)|老乡|籍)/;
const ORIGIN_BEFORE = /(老家|来自|籍贯|老家是|老家在|户口在)\s*$/;

const GENERIC_TOWN = /^(城关|城郊|城[东南西北]|[东南西北]城|新城|老城|花园|东方|开发区)/;
/**
 * Spellings a citizen uses for one official town name; a street office named after its road
 * is also called by the road (七一路街道 is 七一路).
 */
function townVariants(town: string): string[] {
  const core = townCore(town);
  const namedAfterRoad = town.endsWith("街道") && core.length >= 3 && core.endsWith("路");
  return [...townSpellings(town), ...(namedAfterRoad ? [core] : [])];
}

/**
 * Builds a gazetteer from the directory: region names, and towns (乡镇/街道)
 * with their usual spellings. Rules, in order:
 * 1. a district/county name or a town that belongs to one region only names that region;
 * 2. a town several regions share, or a generic one (城关镇), counts only when
 *    one of its regions is named too;
 * 3. a name right after another region's name is part of a place inside it
 *    ("项城市经济技术开发区", "川汇区淮阳路") and is ignored;
 * 4. two different regions named: null (the clerk decides);
 * 5. the writer's home ("项城人", "老家沈丘") named beside another region gives way to it;
 * 6. loose names (开发区), then city-level names and offices (市人社局), count only when
 *    no district, county or town is named.
 */
export function createRegionDetector(directory: Directory): RegionDetector {
  const bySurface = new Map<
    string,
    { kind: Entry["kind"]; regions: Set<string>; display: string }
  >();
  const addSurface = (surface: string, display: string, kind: Entry["kind"], region: string) => {
    const existing = bySurface.get(surface);
    if (existing) {
      existing.regions.add(region);
      if (kind === "name") existing.kind = "name";
    } else {
      bySurface.set(surface, { kind, regions: new Set([region]), display });
    }
  };
  // Each name also in pinyin, for complaints typed in pinyin or English ("Xiangcheng").
  const add = (name: string, kind: Entry["kind"], region: string) => {
    addSurface(name, name, kind, region);
    const spelled = syllableText(pinyinSyllables(name));
    if (spelled.length >= 2 && !spelled.includes(" ")) addSurface(spelled, name, kind, region);
  };
  // Loose names in Latin letters are matched on the text's lower-case words.
  const latinLoose: { phrase: string; region: string }[] = [];
  for (const region of directory.regions) {
    const kind = region.level === "city" ? "city" : "name";
    for (const name of region.names) add(name, kind, region.code);
    for (const town of region.towns) {
      for (const variant of townVariants(town)) add(variant, "town", region.code);
    }
    for (const name of region.looseNames ?? []) {
      if (/\p{Script=Han}/u.test(name)) add(name, "loose", region.code);
      else latinLoose.push({ phrase: ` ${latinWords(name).join(" ")} `, region: region.code });
    }
  }
  latinLoose.sort((a, b) => b.phrase.length - a.phrase.length);
  const entries: Entry[] = [...bySurface].map(([surface, { kind, regions, display }]) => ({
    surface,
    display,
    kind,
    regions: [...regions].sort(),
    generic: kind === "town" && GENERIC_TOWN.test(display),
  }));
  // Longest first, so that a longer name shadows the shorter one inside it.
  entries.sort((a, b) => b.surface.length - a.surface.length || (a.surface < b.surface ? -1 : 1));
  const firstChars = new Set(entries.map((entry) => entry.surface[0]));
  const cityRegion = directory.regions.find((region) => region.level === "city")?.code;

  function findHits(text: string): Hit[] {
    const hits: Hit[] = [];
    const covered = new Uint8Array(text.length);
    for (const entry of entries) {
      let from = 0;
      for (;;) {
        const start = text.indexOf(entry.surface, from);
        if (start < 0) break;
        const end = start + entry.surface.length;
        from = start + 1;
        if (covered.subarray(start, end).some((value) => value === 1)) continue;
        covered.fill(1, start, end);
        hits.push({ entry, start, end });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  return {
    detect(input) {
      const han = /\p{Script=Han}/u.test(input);
      const text = han
        ? input
        : syllableText(latinWords(input).map((word) => splitPinyin(word)?.join(" ") ?? "-"));
      const words = han ? input : ` ${latinWords(input).join(" ")} `;
      if (![...text].some((char) => firstChars.has(char))) return looseOrCity(words, []);
      const hits = findHits(text).filter((hit, i, all) => {
        const previous = all[i - 1];
        return !(
          previous &&
          previous.end === hit.start &&
          previous.entry.kind === "name" &&
          hit.entry.kind === "name" &&
          previous.entry.regions.join() !== hit.entry.regions.join()
        );
      });
      const named = new Set<string>();
      for (const hit of hits) {
        if (hit.entry.kind === "name") for (const region of hit.entry.regions) named.add(region);
      }
      const found = new Map<string, { origin: boolean }>();
      const evidence: string[] = [];
      for (const hit of hits) {
        const { entry } = hit;
        let region: string | undefined;
        if (entry.kind === "city" || entry.kind === "loose") continue;
        if (entry.kind === "name") {
          if (entry.regions.length === 1) region = entry.regions[0]!;
        } else if (entry.regions.length === 1 && !entry.generic) {
          region = entry.regions[0]!;
        } else {
          const meant = entry.regions.filter((r) => named.has(r));
          if (meant.length !== 1) continue;
          region = meant[0]!;
        }
        if (region) {
          const origin =
            han &&
            (ORIGIN_AFTER.test(text.slice(hit.end)) ||
              ORIGIN_BEFORE.test(text.slice(Math.max(0, hit.start - 4), hit.start)));
          found.set(region, { origin: (found.get(region)?.origin ?? true) && origin });
        }
        evidence.push(entry.display);
      }
      // The writer's home town named beside the place of the matter: the place decides.
      const where = [...found].filter(([, { origin }]) => !origin).map(([region]) => region);
      if (where.length === 1 || (found.size === 1 && where.length === 0)) {
        const elsewhere = where.length === 0 ? looseOrCity(words, hits) : null;
        if (elsewhere?.region) return elsewhere;
        return { region: where[0] ?? [...found.keys()][0]!, evidence: unique(evidence) };
      }
      if (found.size > 1) return { region: null, evidence: unique(evidence) };
      return looseOrCity(words, hits);
    },
  };

  /** Nothing but loose or city-level names: the first loose one, else the city level. */
  function looseOrCity(words: string, hits: readonly Hit[]): RegionFinding {
    // A loose name of a district (开发区) is more precise than one of the city (周口).
    const looseHits = hits.filter((hit) => hit.entry.kind === "loose");
    const loose =
      looseHits.find((hit) => !hit.entry.regions.includes(cityRegion ?? "")) ?? looseHits[0];
    if (loose) return { region: loose.entry.regions[0]!, evidence: [loose.entry.display] };
    const latin = latinLoose.find((entry) => words.includes(entry.phrase));
    if (latin) return { region: latin.region, evidence: [latin.phrase.trim()] };
    const city = hits.find((hit) => hit.entry.kind === "city");
    if (city) return { region: city.entry.regions[0]!, evidence: [city.entry.display] };
    const office = CITY_OFFICE.exec(words);
    if (office && cityRegion) return { region: cityRegion, evidence: [office[0]] };
    return { region: null, evidence: [] };
  }
}

/**
 * Pinyin as a string of one private-use character per syllable, so that the
 * gazetteer matches whole syllables ("xi hua" is 西华, "xi huan" is not); what
 * is not a syllable becomes a space.
 */
function syllableText(pieces: readonly string[]): string {
  return pieces
    .flatMap((piece) => piece.split(" "))
    .map((syllable) => {
      const index = SYLLABLE_LIST.indexOf(syllable);
      return index < 0 ? " " : String.fromCharCode(0xe000 + index);
    })
    .join("");
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
