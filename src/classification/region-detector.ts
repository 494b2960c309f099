import { pinyin } from "pinyin-pro";
import type { Directory } from "../domain/directory.ts";
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
  readonly kind: "name" | "town" | "city";
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

const GENERIC_TOWN = /^(城关|城郊|城[东南西北]|[东南西北]城|新城|老城|花园|东方|开发区)/;
const TOWN_SUFFIX = /(回族)?(镇|乡|街道|街道办事处|办事处)$/;

/** Spellings a citizen uses for one official town name. */
function townVariants(town: string): string[] {
  const variants = new Set([town]);
  const match = TOWN_SUFFIX.exec(town);
  if (!match) return [...variants];
  const core = town.slice(0, match.index);
  if (core.length < 2) return [...variants];
  const suffix = match[2];
  if (suffix === "镇" || suffix === "乡") {
    // Many 乡 became 镇 (and citizens mix them up); 回族 is often left out.
    for (const s of ["镇", "乡"]) variants.add(core + s);
    if (match[1]) for (const s of ["回族镇", "回族乡"]) variants.add(core + s);
  } else {
    for (const s of ["街道", "街道办", "街道办事处", "办事处"]) variants.add(core + s);
  }
  return [...variants];
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
 * 5. city-level names count only when no district or county is named.
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
    const spelled = syllableText(pinyin(name, { toneType: "none", type: "array", v: true }));
    if (spelled.length >= 2 && !spelled.includes(" ")) addSurface(spelled, name, kind, region);
  };
  for (const region of directory.regions) {
    const kind = region.level === "city" ? "city" : "name";
    for (const name of region.names) add(name, kind, region.code);
    for (const town of region.towns) {
      for (const variant of townVariants(town)) add(variant, "town", region.code);
    }
  }
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
      const text = /\p{Script=Han}/u.test(input)
        ? input
        : syllableText(latinWords(input).map((word) => splitPinyin(word)?.join(" ") ?? "-"));
      if (![...text].some((char) => firstChars.has(char))) return { region: null, evidence: [] };
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
      const found = new Set<string>();
      const evidence: string[] = [];
      for (const hit of hits) {
        const { entry } = hit;
        if (entry.kind === "city") continue;
        if (entry.kind === "name") {
          if (entry.regions.length === 1) found.add(entry.regions[0]!);
        } else if (entry.regions.length === 1 && !entry.generic) {
          found.add(entry.regions[0]!);
        } else {
          const meant = entry.regions.filter((region) => named.has(region));
          if (meant.length === 1) found.add(meant[0]!);
          else continue;
        }
        evidence.push(entry.display);
      }
      if (found.size === 1) return { region: [...found][0]!, evidence: unique(evidence) };
      if (found.size > 1) return { region: null, evidence: unique(evidence) };
      const city = hits.find((hit) => hit.entry.kind === "city");
      if (city) return { region: city.entry.regions[0]!, evidence: [city.entry.display] };
      return { region: null, evidence: [] };
    },
  };
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
