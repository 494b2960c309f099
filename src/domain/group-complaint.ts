/**
 * How many people a complaint speaks for (群体诉求), read from its words: "俺们一共十几个人" (10
 * people or more), "二十来户" (20 households), "全村" (the whole village). 《信访工作条例》 asks
 * many people with one matter to choose representatives, and clerks give such a matter more
 * attention (group wage arrears above all); the mark lets them see it without reading the text.
 *
 * Conservative by design: a count is kept only when it says how many the matter is of or for —
 * said by "we" (我们, 俺们, 咱们, 一共, "of us"), of people who are the complaint's own (农民工,
 * 业主, 村民, residents), or in households (a household count is of those affected). "我家三口
 * 人", "俩孩子", "五十多岁", "十几年" are no counts of people; "楼下二十多个人跳广场舞" counts
 * those complained of, not those complaining, and is left out.
 */
import { z } from "zod";
import { toHalfWidth } from "./half-width.ts";
import { chineseNumeral } from "./chinese-numerals.ts";
import { GROUP_UNITS, WHOLE_GROUPS, type GroupUnit, type WholeGroup } from "./vocabulary.ts";

/** A number said of people or households: at least `atLeast` ("十几个" → 10, "200多户" → 200). */
export const GroupCountSchema = z.object({
  atLeast: z.number().int().positive(),
  unit: z.enum(GROUP_UNITS),
});
export type GroupCount = z.infer<typeof GroupCountSchema>;

/** What a complaint says of the many it speaks for: a count, a whole collective, or both. */
export const GroupComplaintSchema = z
  .object({ count: GroupCountSchema.nullable(), whole: z.enum(WHOLE_GROUPS).nullable() })
  .refine((group) => group.count !== null || group.whole !== null, "a group names someone");
export type GroupComplaint = z.infer<typeof GroupComplaintSchema>;

/**
 * Where a group begins. Five people: in 信访 practice a visit of five or more is a 集体访, and
 * 《信访工作条例》 (art. 18) limits their representatives to five — fewer is a family or a few
 * neighbours. Three households: a household is a family of several, so three are already more
 * than five people, and "三户" is how neighbours sharing a wall or a pipe speak. A whole
 * collective (全村, 整栋楼) is always a group.
 */
export const GROUP_THRESHOLD: Readonly<Record<GroupUnit, number>> = {
  people: 5,
  households: 3,
};

/**
 * The group a complaint's words speak for, or null when they speak for one person or a family.
 * The largest count said is kept (a lower bound: "三十多" is 30), with the whole collective
 * named beside it ("全村两百多户" → 200 households of the whole village).
 */
export function readGroupComplaint(text: string): GroupComplaint | null {
  const sentences = toHalfWidth(text).split(/[。！？!?\n；;]+/u);
  const counts = sentences.flatMap(countsIn).filter((c) => c.atLeast >= GROUP_THRESHOLD[c.unit]);
  const count = counts.reduce<GroupCount | null>(
    (largest, c) => (largest === null || c.atLeast > largest.atLeast ? c : largest),
    null,
  );
  const whole = wholeIn(text);
  return count === null && whole === null ? null : { count, whole };
}

// A number as it is said of a crowd: 十几, 三十多, 二十来, 两百多, 上百, 百余, 五六, 二三十, 200多.
const NUMBER = String.raw`(?:上|好)?(?:\d+|[几一二两三四五六七八九十百千]+)(?:多|来|余|几)?`;
// The people the complaint is of when counted without "we": they are its own, never its cause.
const OWN_PEOPLE = "农民工|工友|业主|村民|居民|住户|租户|乡亲|老乡|家长|退休职工|退休工人";
const OTHER_PEOPLE = "人(?!民)|工人|员工|职工|老人|老年人|群众|同事|兄弟|师傅|学生|环卫工|骑手";
const PEOPLE = new RegExp(
  String.raw`(?<!第)(${NUMBER})(?:个|名|位)?(${OWN_PEOPLE}|${OTHER_PEOPLE})`,
  "gu",
);
// 户 alone or 家 before a household word; 户口, 户型, 户籍 are no households.
const HOUSEHOLDS = new RegExp(
  String.raw`(?<!第)(${NUMBER})(?:户(?![口型籍头])|家(?=住户|人家|商户|居民|村民|业主|农户))`,
  "gu",
);
// "我们一共十来个。": a total said alone, the people understood.
const TOTAL = new RegExp(
  String.raw`(?:一共|总共|共有|共)有?(${NUMBER})(?:个|名|位)(?=[,，、.。]|$)`,
  "gu",
);
const WE = /我们|俺们|咱们|咱|俺|大家|大伙|一共|总共|共有|全体|我和|我跟/u;
// A count right after "my family" is the family's (我家五个人, 俺家里六口).
const FAMILY_BEFORE = /家里?有?$/u;

const EN_NUMBER = String.raw`\d+|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?`;
const EN_WORD_NUMBER: Readonly<Record<string, number>> = {
  ten: 10,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  hundreds: 200,
};
const EN_OWN = "of us|households|families|residents|villagers|tenants|owners|neighbou?rs";
const EN_OTHER = "people|workers|employees|migrant workers";
const EN_COUNT = new RegExp(
  String.raw`\b(${EN_NUMBER})\+?\s*(?:more\s+)?(${EN_OWN}|${EN_OTHER})\b`,
  "giu",
);
const EN_WE = /\b(?:we|us|our)\b/iu;

const IS_OWN_PEOPLE = new RegExp(`^(?:${OWN_PEOPLE})$`, "u");
const IS_EN_OTHER = new RegExp(`^(?:${EN_OTHER})$`, "iu");

/** The counts of people or households a sentence says the matter is of, of any size. */
function countsIn(sentence: string): GroupCount[] {
  const speaksAsWe = WE.test(sentence) || EN_WE.test(sentence);
  return [...chineseCounts(sentence, speaksAsWe), ...englishCounts(sentence, speaksAsWe)].filter(
    (c) => c.atLeast > 0,
  );
}

function chineseCounts(sentence: string, speaksAsWe: boolean): GroupCount[] {
  const people = [...sentence.matchAll(PEOPLE)]
    .filter((m) => !FAMILY_BEFORE.test(sentence.slice(0, m.index)))
    .filter((m) => speaksAsWe || IS_OWN_PEOPLE.test(m[2]!))
    .map((m) => m[1]!);
  const totals = [...sentence.matchAll(TOTAL)].map((m) => m[1]!);
  const households = [...sentence.matchAll(HOUSEHOLDS)].map((m) => m[1]!);
  return [
    ...[...people, ...totals].map((said) => ({
      atLeast: chineseNumber(said),
      unit: "people" as const,
    })),
    ...households.map((said) => ({ atLeast: chineseNumber(said), unit: "households" as const })),
  ];
}

function englishCounts(sentence: string, speaksAsWe: boolean): GroupCount[] {
  return [...sentence.matchAll(EN_COUNT)]
    .filter((m) => speaksAsWe || !IS_EN_OTHER.test(m[2]!))
    .map((m) => ({ atLeast: englishNumber(m[1]!), unit: englishUnit(m[2]!) }));
}

/**
 * The least a spoken number can mean: "十几" 10, "几十" 20, "二三十" 20, "上百" 100, "200多" 200.
 * 几 before 十/百 is at least 2; after them it adds nothing to the lower bound.
 */
function chineseNumber(said: string): number {
  const core = said.replace(/^(?:上|好)/u, "").replace(/(?:多|来|余)$/u, "");
  if (/^\d+/u.test(core)) return Number(/^\d+/u.exec(core)![0]);
  // A range (五六, 二三十) counts from its first digit.
  const lowest = core.replace(/([一二两三四五六七八九])[一二三四五六七八九](?=[十百千]|$)/u, "$1");
  // 几 first is at least 2 (几十 20); after a unit it adds nothing (十几 10).
  return chineseNumeral(lowest.replace(/^几/u, "二").replace(/几/gu, ""));
}

function englishNumber(said: string): number {
  return /^\d+$/u.test(said) ? Number(said) : (EN_WORD_NUMBER[said.toLowerCase()] ?? 0);
}

function englishUnit(noun: string): GroupUnit {
  return /households|families/iu.test(noun) ? "households" : "people";
}

/** Each whole collective with the words that name it as the many who complain. */
const WHOLE_WORDS: Readonly<Record<WholeGroup, RegExp>> = {
  village: /(?<![安健完齐])全村|整个村|全组村民|\b(?:whole|entire)\s+village\b/iu,
  building:
    /(?:整栋楼|整幢楼|整座楼|整个楼|(?<![安健完齐])全楼)(?![道梯顶房])|一栋楼的人|\b(?:whole|entire)\s+(?:building|block)\b/iu,
  stairwell:
    /整个单元|(?<![安健完齐])全单元|一个单元(?:的|都|全)|\b(?:whole|entire)\s+stairwell\b/iu,
  estate:
    /(?<![安健完齐])全小区|整个小区|(?:我们|俺们|咱们|咱)(?:这个?)?小区(?:的)?(?:业主|居民|住户)|全体业主|\b(?:whole|entire)\s+(?:estate|compound|community)\b/iu,
  street: /整条街|一条街的(?:商户|居民|住户)|\b(?:whole|entire)\s+street\b/iu,
  workplace:
    /(?<![安健完齐])全厂|全体(?:职工|员工|工人)|整个工地|全工地|全公司|\b(?:whole|entire)\s+(?:factory|site|workforce)\b/iu,
};

function wholeIn(text: string): WholeGroup | null {
  return WHOLE_GROUPS.find((whole) => WHOLE_WORDS[whole].test(text)) ?? null;
}

/**
 * The group a case speaks for after its citizen's addition (补充) said `said` ("现在又多了二十多户"),
 * when that is more than the `kept` one; null when it is not. A group only grows: a larger count
 * replaces the kept one (compared by number, as the clerks' filter compares them), a whole
 * collective is named when none was; fewer, the same or nothing said leaves the case as it was.
 */
export function grownGroup(
  kept: GroupComplaint | null,
  said: GroupComplaint | null,
): GroupComplaint | null {
  if (said === null) return null;
  const keptCount = kept?.count ?? null;
  const larger =
    said.count !== null && (keptCount === null || said.count.atLeast > keptCount.atLeast);
  const count = larger ? said.count : keptCount;
  const whole = kept?.whole ?? said.whole;
  return larger || whole !== (kept?.whole ?? null) ? { count, whole } : null;
}
