import * as OpenCC from "opencc-js";
import type { DetectedLanguage } from "../domain/classification.ts";

/**
 * What language a complaint is written in, and its text in the form the
 * model reads: traditional characters become simplified ones (OpenCC), and
 * pinyin typed without a Chinese keyboard becomes a list of toneless syllables.
 */
export interface LanguageReading {
  readonly language: DetectedLanguage;
  /** The text with traditional characters converted to simplified ones. */
  readonly simplified: string;
  /** For `pinyin`: the syllables, in order ("jing", "gai", …); empty otherwise. */
  readonly syllables: readonly string[];
}

// Every toneless Mandarin syllable (ü written v), the closed set pinyin is made of.
export const SYLLABLE_LIST: readonly string[] =
  `a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu pa pai pan pang
  pao pei pen peng pi pian piao pie pin ping po pou pu ma mai man mang mao me mei men meng mi mian
  miao mie min ming miu mo mou mu fa fan fang fei fen feng fo fou fu da dai dan dang dao de dei den
  deng di dia dian diao die ding diu dong dou du duan dui dun duo ta tai tan tang tao te teng ti
  tian tiao tie ting tong tou tu tuan tui tun tuo na nai nan nang nao ne nei nen neng ni nian niang
  niao nie nin ning niu nong nou nu nuan nun nuo nv nve la lai lan lang lao le lei leng li lia lian
  liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ga gai gan gang gao ge gei gen geng
  gong gou gu gua guai guan guang gui gun guo ka kai kan kang kao ke kei ken keng kong kou ku kua
  kuai kuan kuang kui kun kuo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang
  hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun qi qia qian qiang qiao
  qie qin qing qiong qiu qu quan que qun xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue
  xun zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
  zhun zhuo cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui
  chun chuo sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
  shun shuo ra ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo za zai zan zang zao ze
  zei zen zeng zi zong zou zu zuan zui zun zuo ca cai can cang cao ce cen ceng ci cong cou cu cuan
  cui cun cuo sa sai san sang sao se sen seng si song sou su suan sui sun suo ya yan yang yao ye yi
  yin ying yo yong you yu yuan yue yun wa wai wan wang wei wen weng wo wu e ei en eng er o ou`
    .split(/\s+/)
    .filter(Boolean);
const SYLLABLES = new Set(SYLLABLE_LIST);
const LONGEST_SYLLABLE = 6;

/**
 * English words that also spell pinyin syllables ("he", "men", "can"…) do not
 * count as evidence of pinyin; these common English words do count against it.
 */
const ENGLISH_WORDS = new Set(
  `the a an is are was were be been my our your their his her its this that these those there here
  and or but of to in on at for from with by about as it i we you they he she me us them not no
  have has had do does did will would can could should please help street road water gas power
  school hospital police landlord company boss salary wages noise smell`
    .split(/\s+/)
    .filter(Boolean),
);

const toSimplifiedChars = OpenCC.Converter({ from: "tw", to: "cn" });

/** The text with traditional characters as simplified ones; other text unchanged. */
export function toSimplified(text: string): string {
  return toSimplifiedChars(text);
}

/** Words written in traditional characters as simplified ones; any other words as they are. */
export function inSimplifiedChinese(text: string): string {
  const reading = readLanguage(text);
  return reading.language === "zh_hant" ? reading.simplified : text;
}

/**
 * Splits a run of letters into pinyin syllables ("jinggai" → jing, gai),
 * preferring fewer syllables; null when it is not pinyin. Hand-written: the
 * npm splitters at hand are unmaintained, and this is a 15-line dynamic program
 * over a closed set.
 */
export function splitPinyin(word: string): string[] | null {
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - LONGEST_SYLLABLE); start < end; start++) {
      const before = best[start];
      const piece = word.slice(start, end);
      if (!before || !SYLLABLES.has(piece)) continue;
      if (!best[end] || before.length + 1 < best[end]!.length) best[end] = [...before, piece];
    }
  }
  return best[word.length] ?? null;
}

/** Latin words with tone marks and tone digits removed, ü as v, lower case. */
export function latinWords(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/ü|u:/g, "v")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      // Tone digits belong to the syllable before them (jing3gai4).
      .replace(/([a-z])[1-5]/g, "$1 ")
      .match(/[a-z]+/g) ?? []
  );
}

/**
 * Detects the language of a complaint:
 * - `zh` / `zh_hant`: Chinese characters (traditional when OpenCC changes at least
 *   two of them, or a fifth);
 * - `pinyin`: no Chinese characters, and at least four in five Latin words split into
 *   pinyin syllables without being common English words;
 * - `en`: other Latin text of at least two words;
 * - `unknown`: anything else (emoji, digits, one stray word).
 */
export function readLanguage(text: string): LanguageReading {
  const han = text.match(/\p{Script=Han}/gu) ?? [];
  if (han.length > 0) {
    const simplified = toSimplified(text);
    let changed = 0;
    for (let i = 0; i < text.length; i++) if (text[i] !== simplified[i]) changed++;
    const traditional = changed >= 2 || changed / han.length >= 0.2;
    return { language: traditional ? "zh_hant" : "zh", simplified, syllables: [] };
  }
  const words = latinWords(text);
  const split = words.map((word) => (ENGLISH_WORDS.has(word) ? null : splitPinyin(word)));
  const pinyinWords = split.filter((syllables) => syllables !== null).length;
  if (
    words.length > 0 &&
    pinyinWords / words.length >= 0.8 &&
    (words.length >= 2 || words[0]!.length >= 6)
  ) {
    return { language: "pinyin", simplified: text, syllables: split.flatMap((s) => s ?? []) };
  }
  if (words.length >= 2) return { language: "en", simplified: text, syllables: [] };
  return { language: "unknown", simplified: text, syllables: [] };
}
