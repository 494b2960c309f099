/**
 * Phone numbers as citizens of 周口市 write them: mobiles (13812345678, +86 138 1234 5678,
 * full-width digits) and landlines with area code (0394-8123456, (0394)8123456). A local
 * landline without area code (8123456) is taken as a Zhoukou number (0394). Validation is
 * libphonenumber-js with its full metadata (the default build accepts 12345678901 and does
 * not know the length of each area's landlines).
 */
import type * as LibPhoneNumber from "libphonenumber-js/max";
import { requireCommonJsBuild } from "../../commonjs-build.ts";
import { toHalfWidth } from "../half-width.ts";
import { holderRelationOf, relationWords, type NumberHolder } from "../holder-relations.ts";
import { spokenDigitsAsArabic } from "../spoken-digits.ts";

const { parsePhoneNumberFromString } = requireCommonJsBuild(
  "libphonenumber-js/max",
) as typeof LibPhoneNumber;

export const ZHOUKOU_AREA_CODE = "0394";

export interface PhoneNumber {
  readonly kind: "mobile" | "landline" | "international";
  /** Canonical form stored and shown: "13812345678", "0394-8123456", "+4915112345678". */
  readonly display: string;
}

/**
 * Parses one phone number (the whole text must be the number, separators allowed).
 * Returns null when it is not a valid mobile or landline number.
 */
export function parseChinesePhone(text: string): PhoneNumber | null {
  const compact = toHalfWidth(text)
    .trim()
    .replace(/[\s\-–—().（）]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  const number = parsePhoneNumberFromString(compact, "CN");
  if (!number?.isValid()) {
    return /^[2-9]\d{6}$/.test(compact)
      ? parseChinesePhone(`${ZHOUKOU_AREA_CODE}${compact}`)
      : null;
  }
  if (number.countryCallingCode !== "86") return { kind: "international", display: number.number };
  const type = number.getType();
  if (type === "MOBILE") return { kind: "mobile", display: number.nationalNumber };
  if (type === "FIXED_LINE" || type === "FIXED_LINE_OR_MOBILE") {
    const national = `0${number.nationalNumber}`;
    // Area codes of three digits: 010 (Beijing) and 02X (big cities); all others have four.
    const areaLength = /^0(?:10|2\d)/.test(national) ? 3 : 4;
    const local = national.slice(areaLength);
    // The metadata lets some areas' local numbers start with 0 or 1; none is issued that way.
    if (/^[01]/.test(local)) return null;
    return { kind: "landline", display: `${national.slice(0, areaLength)}-${local}` };
  }
  return null;
}

/** Validates and normalises a phone number the citizen typed or shared; null when invalid. */
export interface PhoneParser {
  parse(text: string): PhoneNumber | null;
}

/** The default `PhoneParser`. */
export const chinesePhoneParser: PhoneParser = { parse: parseChinesePhone };

/** A run of characters that looks like a phone number attempt (digits with separators). */
export const PHONE_CANDIDATE = /(?:\+|＋)?[\d０-９][\d０-９\s\-–—()（）]{4,}[\d０-９]/gu;

export interface TypedContact {
  /**
   * The first number-like run that is a valid phone number (an ID card's number or a date
   * before it is passed over); null when none is.
   */
  readonly phone: PhoneNumber | null;
  /** True when the text contained something number-like (so "invalid" is the right answer). */
  readonly hadDigits: boolean;
  /** What remains once the number and filler words are removed; null when nothing is left. */
  readonly name: string | null;
  /** Whether the name was introduced ("我叫…", "俺姓王", "我是老王") and nothing else was said. */
  readonly introducedAlone: boolean;
}

// The citizen speaking of themselves (我, and Henan's 俺 and 咱), and the words that introduce
// their name: 我叫, 俺是, 咱姓.
const SELF = "(?:我|俺|咱)";
const INTRODUCES = `${SELF}(?:叫|是|姓)`;

// 免贵姓李: the polite "my humble surname is".
const NAME_FILLER = new RegExp(
  `${INTRODUCES}|本人|姓名|名字|称呼|联系人|联系方式|联系电话|电话号码|手机号码|手机号|手机|电话|号码|座机|免贵|姓|是|[:：,，。.;；!！、\\s]`,
  "gu",
);

// The same words in English, as the English interface's citizens write them: "I'm Tom, +86 139…",
// "My name is Anna and my phone is …". Whole words only, so "Andrews" and "Myra" stay.
const ENGLISH_NAME_FILLER =
  /\b(?:hi|hello|dear|i[’']?m|i am|my name(?:[’']s| is)?|this is|it[’']?s|call me|name|phone(?: number)?|mobile|tel|number|contact|and|my|is)\b/giu;

// Common surnames, for the names citizens give themselves as 老王, 小李, 张大爷 (not 农 or 师:
// "我是老农", "我是老师" are no names).
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤穆卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟";

const KINSHIP = "大爷|大娘|大妈|大叔|大婶|大姐|大哥|大嫂|奶奶|爷爷|阿姨|叔叔|师傅|老师|婶子?|嫂子?";

// Titles said after a surname as citizens are addressed: 李女士, 王先生, 李局长 (a surname and
// a title is how to call them; the title alone is what they are).
const TITLES =
  "先生|女士|小姐|主任|经理|老板|书记|会计|大夫|医生|护士|律师|局长|科长|处长|所长|站长|队长|校长|院长|村长|厂长";

// What the citizen is to someone, said after 我是 ("我是李主任的邻居"): no name.
const RELATIONS =
  "邻居|家属|亲戚|朋友|同事|同学|学生|家长|徒弟|孩子|儿子|女儿|媳妇|老婆|老公|爱人|妈妈|爸爸|母亲|父亲|员工|租客";

// Where a name said ends: punctuation, a space, a phone word or the text's end.
const NAME_END = "(?=[，,。.;；！!、\\s]|电话|手机|联系|$)";

// The last letter of words that begin with a surname but are a role or a place, not a full
// name: 周口人, 党员, 车主, 包工头, 石匠, 李庄村, 项城, 王营 (Henan villages end in 庄, 营, 寨,
// 集, 楼, 店…); and such words that end as names do (房东: 卫东 is a name; 高中生, 卫兵, 车友:
// 李海生, 陈卫兵, 张学友 are names).
const NOT_A_NAME_END = "人员主户工匠村庄镇乡县市区城营寨集屯岗湾楼店寺头长警客属者士家";
const NOT_A_NAME = "房东|单身|高龄|高中生|毕业生|卫兵|车友|安保|安检";

// "我叫张建国，电话…": a name of two or three letters after words that introduce one, ended as
// NAME_END says ("我是业主" and "我叫了好几次" name no one); "我是东关的老王", "俺是老李",
// "我是王家庄的张大爷": a surname with 老, 小 or a word of kinship after 我是; "我是张建国": a
// surname and one or two letters, not a role or a place ("我是环卫工人", "我是周口人",
// "我是这个小区的业主", "我是张庄的" name no one).
const I_AM = `${SELF}就?是(?:[^\\s，,。.;；！!、的]{1,8}的)?`;
const NAME_SAID = new RegExp(
  `(?:${SELF}叫|${SELF}的名字[是叫]|本人叫|姓名[:：]?|联系人[:：]?)\\s*(\\p{Script=Han}{2,3})${NAME_END}` +
    `|${I_AM}(?:((?:老|小)[${SURNAMES}]|[${SURNAMES}](?:${KINSHIP}|${TITLES}))` +
    `|(?!${NOT_A_NAME})([${SURNAMES}][^\\P{Script=Han}的]{1,2})(?<![${NOT_A_NAME_END}]))${NAME_END}`,
  "u",
);

const nameOf = (said: RegExpExecArray | RegExpMatchArray) => said[1] ?? said[2] ?? said[3]!;

/** The name a text introduces ("我叫张建国", "我是东关的老王", "我是张建国"), or null. */
export function nameInText(text: string): string | null {
  const said = NAME_SAID.exec(text);
  return said ? nameOf(said) : null;
}

/** Every name a text introduces ("我叫张建国…联系人李秀英"). */
export function namesInText(text: string): string[] {
  return [...text.matchAll(new RegExp(NAME_SAID, "gu"))].map(nameOf);
}

// The words around a name given as the answer to "怎么称呼您": "叫我李大娘就行" and
// "你就叫俺老王吧" are 李大娘 and 老王 (就中: Henan for 就行), "免贵姓李" is 李.
const ADDRESS_FRAME = new RegExp(
  `^(?:你们?|您)?就?(?:(?:叫|喊)(?:我|俺)|称呼我|${INTRODUCES}|免贵姓|本人姓|姓|叫)\\s*` +
    "|\\s*(?:就行了?|就可以了?|就好了?|就中|就成|即可|吧|呗)?[。.!！~～]*$",
  "gu",
);

// "我是李主任的邻居", "俺是这个小区的", "我是老师", "我是业主", "我是环卫工人": what the citizen
// is (to someone, or a title, role or place alone), not what to call them.
const WHAT_NOT_WHO = new RegExp(
  `^${SELF}就?是(?:[^的]*的)*(?:老?(?:${KINSHIP}|${TITLES})|${RELATIONS}|${NOT_A_NAME}|\\p{Script=Han}*[${NOT_A_NAME_END}])?[。.!！~～]*$`,
  "u",
);

/**
 * How the citizen asked to be addressed, without the words around it; "" when they said what
 * they are, not who ("我是李主任的邻居", "我是老师"): no name, asked again.
 */
export function addressedAs(answer: string): string {
  const said = answer.trim();
  return WHAT_NOT_WHO.test(said) ? "" : said.replace(ADDRESS_FRAME, "");
}

// "我姓王", "免贵姓李", "俺姓赵", "…老家属院的，姓张，电话…": a surname alone, at the end of
// what was said or of a clause.
const SURNAME_SAID = new RegExp(
  `(?:${SELF}|免贵|本人|^|[，,。.;；！!、\\s])姓([${SURNAMES}]|欧阳|司马|诸葛|上官)(?=[，,。.;；！!、\\s]|$)`,
  "u",
);

/**
 * What the citizen said to call them in `text`: a name introduced ("我叫张建国", "我是老王"), or
 * a surname said alone ("我姓王", "姓张"); null when neither.
 */
export function nameOrSurnameIn(text: string): string | null {
  return nameInText(text) ?? SURNAME_SAID.exec(text)?.[1] ?? null;
}

// A number that is a relative's or a neighbour's, said at the contact question: "打俺儿子电话…",
// "留俺闺女的电话…", "…我儿子的", "打俺闺女的吧 158…" ("我老伴身体不好" says no number's); "call my son 138…", "my
// daughter's number is …", "this is my neighbour's phone" ("my son is sick" says no number's).
const HOLDER = new RegExp(
  `(?:我|俺|咱)家?的?(${relationWords("zh")})(?:的(?=[吧啊呀哈])|的?(?=电话|手机|号码|号|\\d|[，,。.\\s]|$))` +
    `|\\bmy (${relationWords("en")})(?:['’]s)?(?=\\s*(?:phone|mobile|cell|number|\\+?\\d|[,.;:!]|$))`,
  "iu",
);
// "他叫李强", "his name is Li Qiang": the holder's name, said after the number.
const HOLDER_NAME =
  /(?:他|她)(?:叫|名叫|名字叫)(\p{Script=Han}{2,4})|\b[Hh](?:is|er) name is (\p{Script=Han}{2,4}|\p{Lu}[\p{Ll}'-]*(?: \p{Lu}[\p{Ll}'-]*){0,2})/u;

/**
 * Whose the number typed with `text` is when it is not the citizen's own ("打俺儿子电话
 * 13838281234，他叫李强", "call my son 13838281234, his name is Li Qiang": son, 李强 / Li Qiang);
 * null when the words say no one else's.
 */
export function numberHolderIn(text: string): NumberHolder | null {
  const said = HOLDER.exec(text);
  const relation = said?.[1] ?? said?.[2];
  if (relation === undefined) return null;
  const name = HOLDER_NAME.exec(text);
  return { relation: holderRelationOf(relation), name: name?.[1] ?? name?.[2] ?? null };
}

/**
 * What is left of a contact once its number and the words around a name are gone, when it can
 * be a name: Latin letters (a foreign resident's "Tom Becker"), or at most four Chinese letters
 * (张秀英, 欧阳娜娜, 李老师). Longer Chinese is a sentence ("我没有家里"), not a name: the name
 * question then asks how to address the citizen.
 */
function isNameLike(rest: string): boolean {
  if (rest.length === 0 || rest.length > 20 || !/\p{L}/u.test(rest)) return false;
  const han = rest.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han <= 4;
}

/**
 * Reads "张三 13812345678", "我叫李秀英，电话0394-8123456" or, as voice input writes it,
 * "俺姓刘，电话一三九八七六五四三二一" into name and phone.
 */
export function readTypedContact(text: string, parser: PhoneParser): TypedContact {
  const digits = spokenDigitsAsArabic(toHalfWidth(text));
  const candidates = digits.match(PHONE_CANDIDATE) ?? [];
  const hadDigits = /\d{3,}/.test(digits);
  const valid = candidates
    .map((candidate) => ({ candidate, phone: parser.parse(candidate) }))
    .find(({ phone }) => phone !== null);
  const phone = valid?.phone ?? null;
  const said = valid?.candidate ?? candidates[0];
  let rest = digits;
  if (said !== undefined) rest = rest.replace(said, " ");
  // Words and marks around the name go; a space stays only between Latin words ("Tom Becker").
  rest = rest
    .replace(NAME_FILLER, " ")
    .replace(ENGLISH_NAME_FILLER, " ")
    .replace(/\s+/g, " ")
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "")
    .trim();
  // A name introduced ("…都是沈丘的，我叫刘大壮") is the name, not the words before it; a
  // surname said alone ("我没有手机，家里座机8123456，我姓王") is what to call the citizen.
  const introduced = nameOrSurnameIn(digits);
  const name = introduced ?? (isNameLike(rest) ? rest : null);
  return { phone, hadDigits, name, introducedAlone: introduced !== null && rest === introduced };
}

// "13838281234", "我的电话：138 3828 1234", "手机号0394-8123456": a number and nothing else.
const NUMBER_ALONE =
  /^(?:(?:我的|俺的)?(?:联系)?(?:电话|手机|手机号|号码)(?:号码)?(?:是)?[:：]?)?[\d\s\-+()（）]{7,}[。.]?$/u;

/** The phone of words that are a phone number alone; null for any other words. */
export function numberAlone(text: string, parser: PhoneParser): PhoneNumber | null {
  const said = toHalfWidth(text).trim();
  return NUMBER_ALONE.test(said) ? readTypedContact(said, parser).phone : null;
}

/** A contact said ahead of its question: the number, and the name introduced with it, if one. */
export interface ContactSaid {
  readonly phone: PhoneNumber;
  readonly name: string | null;
}

/**
 * Words that are a contact and nothing else: a number alone, or with the name it is introduced
 * with ("俺姓王 电话139…", "我是老王 139…"). Null for other words, a bare name beside a number
 * among them ("王庄 139…" may be a place), which are read as any words.
 */
export function contactAlone(text: string, parser: PhoneParser): ContactSaid | null {
  const said = toHalfWidth(text).trim();
  const { phone, name, introducedAlone } = readTypedContact(said, parser);
  if (phone === null) return null;
  if (NUMBER_ALONE.test(said)) return { phone, name: null };
  return introducedAlone ? { phone, name } : null;
}
