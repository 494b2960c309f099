/**
 * Reads where a complaint is from words: the street, crossing, landmark or
 * compound a citizen names ("人民路与七一路交叉口", "恒兴家园5号楼"), kept
 * whatever region or town words come with them ("川汇区人民路" keeps 人民路),
 * and the region and town words found, for the integration to combine with
 * the classifier's region detector. Pure; built once from the directory.
 *
 * Hand-written rules, not a segmenter: place names are open-ended (no
 * dictionary knows a city's compounds), and what is needed is the phrase
 * before a place suffix (路, 小区, 村 …), cut at the function words that
 * come before a name in citizens' sentences.
 */
import { chineseNumeral } from "../chinese-numerals.ts";
import type { Directory } from "../directory.ts";
import { toHalfWidth } from "../half-width.ts";
import { pinyinSyllables, townCore, townSpellings } from "./town-names.ts";

/** How precisely the words say where. */
export type PlacePrecision =
  /** A street, crossing, landmark, compound or village: precise enough to send someone. */
  | "street"
  /** Only a town, township or street office (乡镇/街道). */
  | "town"
  /** Only a district, county or county-level city. */
  | "region"
  | "none";

/** Every precision, the most precise first: the order compares them. */
export const PLACE_PRECISIONS = [
  "street",
  "town",
  "region",
  "none",
] as const satisfies readonly PlacePrecision[];

/** A comparable piece of a place, normalised (segments, digits, spacing). */
export interface PlaceKey {
  readonly kind: "crossing" | "road" | "landmark" | "party";
  /** "七一路+人民路" for a crossing (sorted), "人民路", "恒兴家园", "鑫源建筑公司". */
  readonly name: string;
  /** Building, unit or house number within it ("5号楼", "18号"), or null. */
  readonly detail: string | null;
}

export interface PlaceWord {
  /** The words as written ("川汇区", "七一路街道"). */
  readonly word: string;
  /** The region codes they may mean (several for 城关镇). */
  readonly regions: readonly string[];
  /**
   * For a town word, the official name of the town it means in each of `regions` (城关镇 is
   * 城关镇 in 扶沟县 and 城关回族镇 in 淮阳区); empty for a region word.
   */
  readonly townIn: Readonly<Record<string, string>>;
}

export interface PlaceText {
  /** The street/landmark words in the citizen's order, region and town words removed; null when none. */
  readonly place: string | null;
  readonly precision: PlacePrecision;
  /** Streets, crossings, landmarks and parties (employers, officials) named, most specific first. */
  readonly keys: readonly PlaceKey[];
  readonly regionWords: readonly PlaceWord[];
  readonly townWords: readonly PlaceWord[];
}

export interface PlaceReader {
  /** A typed address (the answer to "where?"): everything but leading region/town words is the place. */
  readAddress(text: string): PlaceText;
  /** A complaint's description: only the phrases that look like a place are kept. */
  readDescription(text: string): PlaceText;
}

const NAME = "[\\p{Script=Han}A-Za-z0-9]";
const NUMBER = "(?:[0-9]+|[一二三四五六七八九十百零两]+)";
const ROAD = `(?:大道|大街|路|街|巷|胡同)(?:[东西南北中]段)?`;
const CROSSING_WORD = "(?:交叉口|十字路口|十字口|交汇处|交口|路口|口)";
// 广场舞 is square dancing, not a square.
const LANDMARK =
  "(?:小区|花园|家园|公寓|新村|社区|广场(?!舞)|公园|农贸市场|菜市场|市场|商场|超市|卫生院|医院|诊所|" +
  "小学|中学|学校|大学|学院|幼儿园|客运站|火车站|汽车站|车站|加油站|大桥|桥|酒店|宾馆|饭店|" +
  "大厦|银行|工业园|产业园|工地|项目|楼盘|苑|府|村|庄村?|厂)";
const PARTY = "(?:公司|集团|书记|支书|村长|主任|所长|站长|局长|镇长|乡长|老板|经理|包工头)";
const DETAIL = `(?:${NUMBER}(?:号楼|号院|栋|幢|单元|号))`;

const ROAD_PHRASE = new RegExp(`(${NAME}{1,8}?${ROAD})(?!灯)(${NUMBER}号)?`, "gu");
const CROSSING = new RegExp(
  `(${NAME}{1,8}?${ROAD})(?:与|和|跟|同|、|/|和)?(${NAME}{1,8}?${ROAD})${CROSSING_WORD}`,
  "gu",
);
const LANDMARK_PHRASE = new RegExp(`(${NAME}{1,10}?${LANDMARK})(${DETAIL}+)?`, "gu");
const PARTY_PHRASE = new RegExp(`(${NAME}{1,8}?${PARTY})`, "gu");

/**
 * Words before a name in a sentence ("在", "我家", "这个"…): a name starts after the last
 * of them. Characters common inside road names (和平路, 前进路, 文化路) are not listed.
 */
const BEFORE_NAME =
  /^.*(?:在|的|了|是|叫|到|从|往|去|走|修|绕|住|说|把|被|给|就|都|也|还|又|没|有|我|你|他|她|俺|咱|们|这|那|个|条|座|对|向|离|近|靠|沿|边|旁|找|问|报|举|告|反映|投诉|附近|门口|对面|隔壁)/u;
/** Names too vague to find a place by ("我们村", "老家", "城里"). */
const VAGUE =
  /^(?:[本该此某]|[一二三四五六七八九十几]|老|大|小|新|农|县|市|城|乡|村|家|马|公|土|道|水泥|柏油|隔壁|附近|当地)?$/u;
/** "不知道公司", "是啥公司", "哪个老板": a name the citizen says they do not know. */
const NOT_KNOWN = /不知道|不清楚|不晓得|不认识|啥|什么|哪/u;
/** A road that is walked, crossed or blocked, not named: "孩子过马路", "老人走路", "挡路". */
const WALKING = /(?:过马|过|走|修|绕|让|挡|堵|拦|占|赶|带|问)路$/u;
/**
 * Places named in English, as foreign residents write them: capitalised (pinyin) names
 * before an English road or landmark word ("Qiyi Road", "Renmin Rd", "Hengxing Garden") or the
 * pinyin road word of the street signs ("Qiyi Lu", "Wenchang Dadao").
 * Capitals, not a dictionary, tell a name ("the street", "a dark street" are none) — or, for a
 * road's name in small letters, its pinyin syllables (`PINYIN_NAME`); the
 * words that start a sentence or phrase are listed so that "On Qiyi Road" names Qiyi, and the
 * titles before a surname, so that "Mr Lu" names no road.
 */
const EN_NOT_NAME =
  "(?:The|This|That|These|Those|A|An|My|Our|Your|Their|His|Her|Its|On|In|At|Of|Near|By|To|From|Along|Across|And|Or|Main|Same|Every|Each|One|Which|What|Outside|Behind|Opposite|Mr|Mrs|Ms|Miss|Dr|Teacher|Boss|Manager|Director)";
const EN_WORD = `(?!${EN_NOT_NAME}\\b)[A-Z][a-z]+`;
/** One pinyin syllable: a surname ("Zhang", "Li"), never the whole name of a road. */
const PINYIN_SYLLABLE =
  /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:i(?:a(?:ng?|o)?|e|ng?|ong|u)?|u(?:a(?:ng?|i)?|e|i|n|o)?|v(?:e|n)?|a(?:ng?|i|o)?|e(?:ng?|i|r)?|o(?:ng|u)?)$/iu;
/** The longest pinyin syllable ("zhuang"). */
const LONGEST_SYLLABLE = 6;
/**
 * English words that read as pinyin syllables too, and are said before a road or landmark word
 * ("the main road", "a nice street", "the police station", "the taxi stop"): no name in small
 * letters.
 */
const EN_WORDS_LIKE_PINYIN = new Set(
  [
    "main same side inside aside wide nice some one none lone home huge mine nine line lane zone",
    "gone done fine wine name came game police fire tea rice sea ice medicine chinese taxi auto",
    "piano",
  ]
    .join(" ")
    .split(" "),
);
/** A road's name of one word in small letters ("zhongshan road"): a name when `isPinyinName`. */
const SMALL_NAME = "[a-z]{2,24} ";
const EN_NAME = `(?:${EN_WORD} ){1,2}`;
const EN_ROAD_NAME = `(?:${EN_NAME}|${SMALL_NAME})`;
const EN_ROAD_WORDS = {
  road: "Road",
  rd: "Road",
  street: "Street",
  st: "Street",
  avenue: "Avenue",
  ave: "Avenue",
  lane: "Lane",
  alley: "Alley",
  boulevard: "Boulevard",
  // 路, 街 and 大道 in pinyin, as the street signs write them ("Qiyi Lu"): the same road.
  lu: "Road",
  jie: "Street",
  dadao: "Avenue",
} as const;
const EN_ROAD_WORD = `(?:${Object.keys(EN_ROAD_WORDS)
  .map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`)
  .join("|")})`;
const EN_ROAD = `${EN_ROAD_NAME}${EN_ROAD_WORD}\\b\\.?`;
/** The road words in pinyin: after a surname alone they end a person's name ("Zhang Lu", "Li Jie"). */
const PINYIN_ROAD_WORD = /(?:^| )(?:[Ll]u|[Jj]ie|[Dd]adao)$/u;
/**
 * A landmark's name: capitalised words or one in small letters, a road's name among them ("Qiyi
 * Road primary school", "wanda plaza"), or a number ("No. 3 Middle School"); then the kind of
 * school, however written, and the word of the landmark.
 */
const EN_LANDMARK_NAME = `(?:(?:No\\.? ?|Number )\\d+ (?:${EN_WORD} ){0,2}|${EN_ROAD_NAME}(?:${EN_ROAD_WORD} )?)`;
const EN_SCHOOL_KIND =
  "(?:[Pp]rimary|[Mm]iddle|[Hh]igh|[Ss]econdary|[Jj]unior|[Ss]enior|[Ee]xperimental|[Vv]ocational) ";
const EN_LANDMARK_KIND =
  "(?:[Cc]ommunity|[Gg]ardens?|[Pp]ark|[Mm]arket|[Pp]laza|[Ss]quare|[Hh]ospital|[Ss]chool|[Uu]niversity|[Cc]ollege|[Kk]indergarten|[Vv]illage|[Ss]tation|(?:[Bb]us )?[Ss]top|[Hh]otel|[Mm]all|[Ee]state|[Cc]ompound|[Bb]ridge)";
const EN_LANDMARK = `${EN_LANDMARK_NAME}(?:${EN_SCHOOL_KIND}){0,2}${EN_LANDMARK_KIND}\\b`;
/** Where from a landmark: "outside", "near the", "opposite", "in front of". */
const EN_RELATION =
  "(?:[Oo]utside|[Nn]ear|[Oo]pposite|[Bb]ehind|[Bb]eside|[Nn]ext to|[Ii]n front of|[Aa]cross from)(?: the)?";
/**
 * A landmark without a name where on a road ("Renmin Road near the train station"): no key of
 * its own, but the place is said with it, as the citizen said it.
 */
const EN_UNNAMED_LANDMARK = `${EN_RELATION} (?:[a-z]+ ){0,2}(?:${EN_LANDMARK_KIND}|stop|gate|entrance|supermarket|crossroads|intersection)\\b`;
const EN_CROSSING_PHRASE = new RegExp(`\\b(${EN_ROAD}) ?(?:and|&|/) ?(${EN_ROAD})`, "gu");
/**
 * A landmark with where from it ("outside Qiyi Road primary school") and the road it is on
 * ("near the Wanda Plaza on Renmin Road"), kept in the citizen's words: the landmark is the
 * place, not only the road in its name.
 */
const EN_LANDMARK_PHRASE = new RegExp(
  `\\b(?:${EN_RELATION} )?(${EN_LANDMARK})(?: (?:on|along|off) (${EN_ROAD}))?`,
  "gu",
);
const EN_ROAD_PHRASE = new RegExp(`\\b(${EN_ROAD})(?: ${EN_UNNAMED_LANDMARK})?`, "gu");
const EN_ROAD_IN_NAME = new RegExp(`^${EN_ROAD}`, "u");

/**
 * Place words that say no place at all on their own: where only to the citizen ("俺家门口",
 * "俺们小区门口", "这个村东头", "我家楼下那个路口") — a compound, village or unit of theirs
 * without its name, or a crossing of no road named by it.
 */
const VAGUE_PLACE =
  /^(?:(?:(?:我|俺|咱)们?|这个?|那个?)?(?:家|小区|村|庄|楼|楼道|院|院子|单位|厂|学校|工地|街|路)?(?:门口|附近|旁边|楼下|对面|后面|前面|这边|那边|里|上|东头|西头|南头|北头)?(?:(?:的|那个|这个|那|这)*(?:十字)?(?:路口|十字口|交叉口))?|城里|市区|县城|农村|老家|本地|当地)$/u;
/** "就在俺家门口这儿" is 俺家门口: the words around a place that add none. */
const AROUND_PLACE = /^(?:就在|就是|在|是|就)|(?:这儿|那儿|这里|那里|呢|啊|吧)$/gu;

/** "I think it's" left of "I think it's Chuanhui district" once the district is taken: no place. */
const EN_NO_PLACE =
  /^(?:(?:i think|i guess|i believe|maybe|probably|perhaps|it'?s|it is|it was|in|at|on|near|around|the|somewhere)[ ,.]*)+$/iu;

// "俺是商水县固墙镇李楼村的" answers "where?" with where the citizen is from: the place is the
// words inside the frame.
const FROM_FRAME = /^(?:我|俺|咱)们?(?:是|就是)\s*(.+?)的(?:人)?[。.!！~～]*$/u;

// "俺们村叫老庄村", "我们小区叫幸福家园", "村名叫李楼": the place is the name said.
const NAMED_FRAME =
  /^(?:(?:我|俺|咱)们?(?:的|这个?|那个?)?)?(?:村|庄|小区|社区|院)(?:名|的名字|名字)?(?:叫|是)(?:做)?\s*(.+?)[。.!！~～]*$/u;

// "俺家在幸福小区3号楼", "我住在七一路32号": the place is where home is said to be — unless that
// says no place without the home ("我家在村里" is kept whole).
const HOME_FRAME =
  /^(?:我|俺|咱)们?(?:家(?:就|也)?(?:住在|在|住|是)|(?:就|也)?住在?)\s*(.+?)[。.!！~～]*$/u;

/** "商水县的" answers "which county?" with the county: the 的 adds nothing to the address. */
const ADMIN_OF = /^(.+?[省市县区镇乡村])的$/u;
/** Clauses of an answer, the separators kept at odd indexes. */
const CLAUSE_BREAK = /([，,；;]\s*)/u;

/**
 * A typed address without the "I am from … ", "our village is called …" or "my home is at …"
 * frame around it, clause by clause: "俺是李楼村的" is 李楼村, "俺们村叫老庄村" is 老庄村, "我家住在
 * 七一路32号" is 七一路32号, "商水县的，俺是固墙镇李庄村的" is 商水县，固墙镇李庄村.
 */
export function addressAsSaid(text: string): string {
  return text
    .trim()
    .split(CLAUSE_BREAK)
    .map((part, index) => (index % 2 === 0 ? clauseAsSaid(part) : part))
    .join("");
}

function clauseAsSaid(clause: string): string {
  const inside =
    FROM_FRAME.exec(clause)?.[1] ??
    NAMED_FRAME.exec(clause)?.[1] ??
    ADMIN_OF.exec(clause)?.[1] ??
    namedHome(clause);
  return inside !== undefined && inside.length >= 2 ? inside : clause;
}

/** Where home is said to be ("俺家在幸福小区3号楼": 幸福小区3号楼), when it names a place. */
function namedHome(clause: string): string | undefined {
  const home = HOME_FRAME.exec(clause)?.[1];
  return home === undefined || VAGUE_PLACE.test(home.replace(AROUND_PLACE, "")) ? undefined : home;
}

/** Builds the reader over the directory's region names and towns. */
export function createPlaceReader(directory: Directory): PlaceReader {
  const words = adminWords(directory);

  const latinTowns = latinTownWords(directory);
  const latinRegions = latinRegionWords(directory);

  function read(text: string, typed: boolean): PlaceText {
    const normalised = normalise(text);
    const found = [
      ...findAdminWords(normalised, words),
      ...findLatinWords(normalised, latinTowns),
      ...findLatinWords(normalised, latinRegions),
    ].sort((a, b) => a.start - b.start);
    // Region and town words become separators, so "川汇区人民路" leaves "人民路".
    let masked = normalised;
    for (const hit of found)
      masked = masked.slice(0, hit.start) + "|".repeat(hit.word.length) + masked.slice(hit.end);
    const { keys, phrases } = readPhrases(masked);
    const towns = found.filter(isTownWord);
    const place = typed ? typedPlace(masked) : describedPlace(masked, phrases, towns);
    const regionWords = uniqueWords(found.filter((hit) => !isTownWord(hit) && !hit.city));
    const townWords = uniqueWords(towns);
    const precision: PlacePrecision =
      place !== null && (typed || keys.some((key) => key.kind !== "party"))
        ? "street"
        : townWords.length > 0
          ? "town"
          : regionWords.length > 0
            ? "region"
            : "none";
    return { place, precision, keys, regionWords, townWords };
  }

  return {
    readAddress: (text) => read(text, true),
    readDescription: (text) => read(text, false),
  };
}

interface AdminWord extends PlaceWord {
  readonly city: boolean;
  /** A short name (川汇, 淮阳) that is part of a road or place name when a suffix follows (淮阳路). */
  readonly bare: boolean;
  /** "太康县城" is not the county town in "太康县城关镇". */
  readonly countyTown: boolean;
}

interface AdminHit extends AdminWord {
  readonly start: number;
  readonly end: number;
}

function adminWords(directory: Directory): AdminWord[] {
  const byWord = new Map<string, AdminWord>();
  const add = (
    word: string,
    region: string,
    town: string | null,
    city: boolean,
    countyTown = false,
  ) => {
    const known = byWord.get(word);
    const regions = known ? [...new Set([...known.regions, region])] : [region];
    const bare = !/(?:市|区|县|镇|乡|街道|办事处|街道办|城|城里)$/u.test(word);
    const townIn = { ...known?.townIn };
    if (town !== null) townIn[region] ??= town;
    byWord.set(word, {
      word,
      regions,
      townIn,
      city: known?.city ?? city,
      bare,
      countyTown,
    });
  };
  for (const region of directory.regions) {
    for (const name of region.names) {
      add(name, region.code, null, region.level === "city");
      // 太康县城, 项城市区: the county town, still only the region.
      if (/[县市]$/u.test(name) && region.level !== "city") {
        for (const town of ["城", "城区", "城里"]) add(name + town, region.code, null, false, true);
      }
    }
    for (const town of region.towns) {
      for (const variant of townSpellings(town)) add(variant, region.code, town, false);
    }
  }
  return [...byWord.values()].sort((a, b) => b.word.length - a.word.length);
}

function isTownWord(word: PlaceWord): boolean {
  return Object.keys(word.townIn).length > 0;
}

/**
 * Towns and counties named in pinyin by foreign residents: a town with an English or pinyin word
 * for a town after it ("Dongxiating town", "Qiyilu subdistrict"); a county or district by its
 * name, the word for it optional ("Chuanhui district", "Shangshui"). Keyed by the name's letters:
 * one pattern for each kind, and what each name means.
 */
interface LatinWords {
  readonly pattern: RegExp;
  readonly byLetters: ReadonlyMap<string, Omit<AdminWord, "word">>;
}

const LATIN_TOWN_WORD = "(?:town(?:ship)?|sub-?district|street office|zhen|xiang|jiedao)";
const LATIN_REGION_WORD = "(?:district|county|city|qu|xian|shi)";
/** 川汇区 is 川汇, 项城市 is 项城: the county's own name, before its kind. */
const REGION_NAME = /^(\p{Script=Han}{2,})[区县市]$/u;

function latinWords(
  named: readonly { name: string; meaning: Omit<AdminWord, "word"> }[],
  after: string,
): LatinWords {
  const byLetters = new Map<string, Omit<AdminWord, "word">>();
  const spellings = new Map<string, string>();
  for (const { name, meaning } of named) {
    const syllables = pinyinSyllables(name);
    const letters = syllables.join("");
    const known = byLetters.get(letters);
    byLetters.set(letters, {
      ...meaning,
      regions: [...new Set([...(known?.regions ?? []), ...meaning.regions])],
      townIn: { ...known?.townIn, ...meaning.townIn },
    });
    // Syllables written together or apart: "Dongxiating", "Dong Xia Ting", "Xi'an".
    spellings.set(letters, syllables.join("[ '’-]?"));
  }
  const names = [...spellings.values()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`\\b(${names.join("|")})${after}\\b`, "giu");
  return { pattern, byLetters };
}

function latinTownWords(directory: Directory): LatinWords {
  const towns = directory.regions.flatMap((region) =>
    region.towns.map((town) => ({
      name: townCore(town),
      meaning: latinMeaning(region.code, { [region.code]: town }),
    })),
  );
  return latinWords(towns, `[ -]?${LATIN_TOWN_WORD}`);
}

function latinRegionWords(directory: Directory): LatinWords {
  const regions = directory.regions.flatMap((region) => {
    const core = region.names.map((name) => REGION_NAME.exec(name)?.[1]).find(Boolean);
    return core && region.level !== "city"
      ? [{ name: core, meaning: latinMeaning(region.code, {}) }]
      : [];
  });
  return latinWords(regions, `(?:[ -]?${LATIN_REGION_WORD})?`);
}

function latinMeaning(region: string, townIn: Record<string, string>): Omit<AdminWord, "word"> {
  return { regions: [region], townIn, city: false, bare: false, countyTown: false };
}

function findLatinWords(text: string, words: LatinWords): AdminHit[] {
  return [...text.matchAll(words.pattern)].flatMap((match) => {
    const meaning = words.byLetters.get(match[1]!.toLowerCase().replace(/[^a-z]/gu, ""));
    if (!meaning) return [];
    return [{ ...meaning, word: match[0], start: match.index, end: match.index + match[0].length }];
  });
}

function findAdminWords(text: string, words: readonly AdminWord[]): AdminHit[] {
  const covered = new Uint8Array(text.length);
  const hits: AdminHit[] = [];
  for (const word of words) {
    for (
      let start = text.indexOf(word.word);
      start >= 0;
      start = text.indexOf(word.word, start + 1)
    ) {
      const end = start + word.word.length;
      if (covered.subarray(start, end).some((value) => value === 1)) continue;
      const after = text.slice(end);
      if (word.bare && new RegExp(`^(?:${ROAD}|${LANDMARK})`, "u").test(after)) continue;
      if (word.countyTown && /^[关郊]/u.test(after)) continue;
      covered.fill(1, start, end);
      hits.push({ ...word, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function uniqueWords(hits: readonly AdminHit[]): PlaceWord[] {
  const seen = new Map<string, PlaceWord>();
  for (const { word, regions, townIn } of hits) seen.set(word, { word, regions, townIn });
  return [...seen.values()];
}

/** Full-width letters and digits to ASCII; no spaces next to Chinese characters. */
function normalise(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/gu, " ")
    .replace(/ ?(\p{Script=Han}) ?/gu, "$1")
    .trim();
}

/** The start of a name: after the last word that comes before names in a sentence. */
function trimName(phrase: string): string {
  return phrase.replace(BEFORE_NAME, "");
}

interface Phrase {
  readonly start: number;
  readonly text: string;
  /** Null for a party: a party says who, not where. */
  readonly place: boolean;
}

/**
 * The places named, most specific first: crossings, then landmarks, then roads, then
 * parties; each phrase found is blanked out before the next kinds are looked for, so
 * the roads of a crossing are not read again ("与七一路").
 */
function readPhrases(masked: string): { keys: PlaceKey[]; phrases: Phrase[] } {
  const keys: PlaceKey[] = [];
  const phrases: Phrase[] = [];
  let text = masked;
  const take = (
    pattern: RegExp,
    toKeys: (match: RegExpMatchArray, name: string) => PlaceKey[],
    place = true,
  ) => {
    for (const match of text.matchAll(pattern)) {
      const phrase = trimName(match[0]);
      const start = match.index + match[0].length - phrase.length;
      const found = toKeys(match, trimName(match[1]!));
      if (found.length === 0) continue;
      for (const key of found) {
        if (
          !keys.some((k) => k.kind === key.kind && k.name === key.name && k.detail === key.detail)
        ) {
          keys.push(key);
        }
      }
      phrases.push({ start, text: phrase, place });
    }
    for (const { start, text: phrase } of phrases) {
      text = text.slice(0, start) + "|".repeat(phrase.length) + text.slice(start + phrase.length);
    }
  };
  take(CROSSING, (match) => {
    const roads = [roadName(match[1]!), roadName(match[2]!)];
    if (!roads.every((road) => isName(road, ROAD)) || roads[0] === roads[1]) return [];
    return [
      { kind: "crossing", name: [...roads].sort().join("+"), detail: null },
      ...roads.map((name): PlaceKey => ({ kind: "road", name, detail: null })),
    ];
  });
  take(EN_CROSSING_PHRASE, (match) => {
    if (!isEnglishRoad(match[1]!) || !isEnglishRoad(match[2]!)) return [];
    const roads = [englishRoadName(match[1]!), englishRoadName(match[2]!)];
    if (roads[0] === roads[1]) return [];
    return [
      { kind: "crossing", name: [...roads].sort().join("+"), detail: null },
      ...roads.map((name): PlaceKey => ({ kind: "road", name, detail: null })),
    ];
  });
  take(LANDMARK_PHRASE, (match, name) =>
    isName(name, LANDMARK)
      ? [{ kind: "landmark", name: villageName(name), detail: match[2] ? arabic(match[2]) : null }]
      : [],
  );
  take(EN_LANDMARK_PHRASE, (match) => {
    const landmark = match[1]!;
    // A name in small letters is one when it is pinyin ("wanda plaza", not "the police station").
    const first = landmark.split(" ")[0]!;
    if (/^[a-z]/u.test(first) && !isPinyinName(first)) return [];
    // The road in its name or after it is a road named too, as a crossing's roads are.
    const roads = [EN_ROAD_IN_NAME.exec(landmark)?.[0], match[2]].filter(
      (road): road is string => road !== undefined && isEnglishRoad(road),
    );
    return [
      { kind: "landmark", name: englishLandmarkName(landmark), detail: null },
      ...roads.map((road): PlaceKey => ({
        kind: "road",
        name: englishRoadName(road),
        detail: null,
      })),
    ];
  });
  take(ROAD_PHRASE, (match) => {
    const name = roadName(match[1]!);
    return isName(name, ROAD) && !WALKING.test(name)
      ? [{ kind: "road", name, detail: match[2] ? arabic(match[2]) : null }]
      : [];
  });
  take(EN_ROAD_PHRASE, (match) =>
    isEnglishRoad(match[1]!)
      ? [{ kind: "road", name: englishRoadName(match[1]!), detail: null }]
      : [],
  );
  take(
    PARTY_PHRASE,
    (_, name) => (isName(name, PARTY) ? [{ kind: "party", name, detail: null }] : []),
    false,
  );
  return { keys, phrases: phrases.sort((a, b) => a.start - b.start) };
}

/** 李庄村 and 李庄 are one village to compare by; the phrase shown keeps what was said. */
function villageName(name: string): string {
  return name.replace(/庄村$/u, "庄");
}

function roadName(phrase: string): string {
  return trimName(phrase).replace(/[东西南北中]段$/u, "");
}

/**
 * Whether a road in English is one: a pinyin road word after a surname alone is a person
 * ("my daughter Zhang Lu", "Li Jie"), after a name of two syllables a road ("Qiyi Lu").
 */
function isEnglishRoad(phrase: string): boolean {
  const road = phrase.replace(/\.$/u, "");
  const first = road.split(" ")[0]!;
  if (/^[a-z]/u.test(first)) return isPinyinName(first);
  if (!PINYIN_ROAD_WORD.test(road)) return true;
  const name = road.replace(PINYIN_ROAD_WORD, "").split(" ");
  return !name.every((word) => PINYIN_SYLLABLE.test(word));
}

/**
 * A road's name written in small letters ("zhongshan road", "renmin rd"), told from English words
 * by its letters: pinyin syllables, two at least ("a long road" names none), and no English word
 * spelt so too ("the main road").
 */
function isPinyinName(word: string): boolean {
  if (EN_WORDS_LIKE_PINYIN.has(word)) return false;
  // The most syllables each start of the word is read in; -1: none.
  const most = Array.from({ length: word.length + 1 }, (_, at): number => (at === 0 ? 0 : -1));
  for (let at = 0; at < word.length; at++) {
    if (most[at]! < 0) continue;
    for (let end = at + 1; end <= Math.min(word.length, at + LONGEST_SYLLABLE); end++) {
      if (PINYIN_SYLLABLE.test(word.slice(at, end)))
        most[end] = Math.max(most[end]!, most[at]! + 1);
    }
  }
  return most[word.length]! >= 2;
}

/**
 * "Qiyi rd." → "Qiyi Road", "Qiyi Lu" and "qiyi road" → "Qiyi Road": one key however the road
 * word is written.
 */
function englishRoadName(phrase: string): string {
  const words = phrase.replace(/\.$/u, "").split(" ");
  const roadWord = words.pop()!.toLowerCase() as keyof typeof EN_ROAD_WORDS;
  return [...words.map(capitalised), EN_ROAD_WORDS[roadWord]].join(" ");
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * "Qiyi Rd primary school" → "Qiyi Road Primary School", "No.3 middle school" → "No. 3 Middle
 * School": one key however it is written.
 */
function englishLandmarkName(phrase: string): string {
  return phrase
    .replace(/^No\.? ?(?=\d)/u, "No. ")
    .split(" ")
    .map((word) => {
      const road =
        EN_ROAD_WORDS[word.replace(/\.$/u, "").toLowerCase() as keyof typeof EN_ROAD_WORDS];
      return road ?? capitalised(word);
    })
    .join(" ");
}

/** Whether what comes before the suffix names something ("人民" does, "这条"/"马" do not). */
function isName(phrase: string, suffix: string): boolean {
  const core = phrase.replace(new RegExp(`${suffix}$`, "u"), "");
  return core.length > 0 && !VAGUE.test(core) && !NOT_KNOWN.test(core);
}

/** "五号楼" → "5号楼", "十二栋" → "12栋". */
function arabic(detail: string): string {
  return detail.replace(/[一二三四五六七八九十百零两]+/gu, (digits) =>
    String(chineseNumeral(digits)),
  );
}

function typedPlace(masked: string): string | null {
  const place = masked
    .split("|")
    .filter((part) => part.length > 0)
    .join("")
    .replace(/\s{2,}/gu, " ")
    .replace(/^[,，、。;；:：\s]+|[,，、。;；:：!！?？\s]+$/gu, "");
  const vague = VAGUE_PLACE.test(place.replace(AROUND_PLACE, "")) || EN_NO_PLACE.test(place);
  return place.length >= 2 && !vague ? place : null;
}

/**
 * Where from a place, and what is there: "东边那个老家属院" after "人民路和七一路交叉口", "北边的
 * 幸福小区" after "七一路" — the landmark is what the staff look for. Its name holds none of the
 * words before names ("东边的路灯坏了俺们小区" names no landmark).
 */
const LANDMARK_BESIDE = new RegExp(
  `^(?:[东西南北]{1,2}(?:边|侧|面|头|角)|旁边|边上|附近|对面|后面|前面|后边|前边|隔壁|往[东西南北](?:${NUMBER}米)?)` +
    `(?:那个|这个|一个|那|这|的)?(${NAME}{0,6}?(?:${LANDMARK}|家属院|家属楼|大院|院))`,
  "u",
);

/** The landmark said right after a place, with where from it; "" when none is. */
function landmarkBeside(after: string): string {
  const match = LANDMARK_BESIDE.exec(after);
  return match !== null && trimName(match[1]!) === match[1] ? match[0] : "";
}

/**
 * The place phrases of a description, each with the town said right before it ("汲冢镇李庄村",
 * not "李庄村" — villages' and streets' names repeat from town to town) and the landmark right
 * after it ("人民路和七一路交叉口东边那个老家属院"; a place named inside that landmark is not said
 * again). A region word is not kept (the region is shown on its own).
 */
function describedPlace(
  masked: string,
  phrases: readonly Phrase[],
  towns: readonly AdminHit[],
): string | null {
  const places: string[] = [];
  let saidUpTo = 0;
  for (const phrase of phrases) {
    if (!phrase.place || phrase.start < saidUpTo) continue;
    const town = towns.find((hit) => hit.end === phrase.start)?.word ?? "";
    const end = phrase.start + phrase.text.length;
    const beside = landmarkBeside(masked.slice(end));
    places.push(town + phrase.text + beside);
    saidUpTo = end + beside.length;
  }
  return places.length > 0 ? places.join("，") : null;
}
