/**
 * How citizens write the names of towns (乡镇/街道), derived once from their official names for
 * every reader of place words: the region detector and the place reader.
 */
import { pinyin } from "pinyin-pro";

const TOWN_NAME = /^(.{2,}?)(回族)?(镇|乡|街道)$/u;

/**
 * The spellings a citizen uses for one official town name: 李埠口乡 is also written 李埠口镇
 * (many 乡 became 镇, and citizens mix them up), 七一路街道 also 七一路办事处, and 回族 is often
 * left out. The official name comes first.
 */
export function townSpellings(town: string): string[] {
  const match = TOWN_NAME.exec(town);
  if (!match) return [town];
  const [, core, hui] = match;
  const suffixes = match[3] === "街道" ? ["街道", "街道办事处", "街道办", "办事处"] : ["镇", "乡"];
  const spellings = suffixes.flatMap((suffix) => [
    core + suffix,
    ...(hui ? [core + hui + suffix] : []),
  ]);
  return [...new Set([town, ...spellings])];
}

/**
 * The town's own name, without 回族 and without what kind of town it is (镇, 乡, 街道): what a
 * name in another script spells ("Dongxiating town" is 东夏亭镇). The name itself when it is
 * not a town's.
 */
export function townCore(town: string): string {
  return TOWN_NAME.exec(town)?.[1] ?? town;
}

const TOWN_KIND_EN = { 镇: "Town", 乡: "Township", 街道: "Subdistrict" } as const;

/**
 * A town's name for a reader of English: its name in pinyin with what kind of town it is, and
 * the official name after it, which is what signs and local people say ("Qiyilu Subdistrict
 * (七一路街道)", "Dongxiating Town (东夏亭镇)").
 */
export function townInEnglish(town: string): string {
  const match = TOWN_NAME.exec(town);
  const core = match?.[1] ?? town;
  const kind = match ? TOWN_KIND_EN[match[3] as keyof typeof TOWN_KIND_EN] : null;
  const name = pinyinName(core);
  const hui = match?.[2] ? " Hui Ethnic" : "";
  return `${[name + hui, kind].filter((part) => part !== null).join(" ")} (${town})`;
}

/** A name as it is written in English: its pinyin in one word, capitalised (七一路 → Qiyilu). */
export function pinyinName(name: string): string {
  const spelled = pinyinSyllables(name).join("");
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}

/** A name in toneless pinyin syllables, ü as v: 东夏亭 → dong, xia, ting. */
export function pinyinSyllables(name: string): string[] {
  return pinyin(name, { toneType: "none", type: "array", v: true });
}
