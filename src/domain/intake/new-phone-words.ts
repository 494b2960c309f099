/**
 * A citizen telling, outside a draft, that their phone number changed and which one to call
 * them on about what they reported: "俺电话换了，新号是13712345678，以前反映的事打这个电话",
 * "换号了 13712345678", "联系电话改成13712345678", "以后打这个号13712345678", "my number
 * changed, it's now 13712345678". Words that say so without a valid number ("电话换了") are
 * not it (there is nothing to change to), nor words about someone else's number
 * ("物业电话换了也不通知"): the number must come with words of the citizen's own.
 */
import { readTypedContact, type PhoneNumber, type PhoneParser } from "./phone.ts";
import { charLength, clausesOf } from "./text-quality.ts";

/** Longer messages tell of something else (a matter that mentions a phone number). */
const MAX_NEW_PHONE_LENGTH = 80;

const PHONE = String.raw`(?:电话|手机|号码|手机号|电话号|联系电话|联系方式|号)`;
const CHINESE = new RegExp(
  [
    // "电话换了", "手机号变了", "号码改了", "换号了", "换了新号", "换手机号了"
    String.raw`${PHONE}(?:码)?(?:已经)?(?:换|变|改)了`,
    String.raw`^(?:我|俺|咱)?(?:的)?(?:已经)?换(?:了)?(?:新)?(?:手机)?号`,
    String.raw`(?:我|俺|咱)(?:已经)?换(?:了)?(?:新)?(?:手机|电话|号码|手机号)`,
    // "新号是…", "新号码…", "新手机号…", "新电话…"
    String.raw`新(?:的)?(?:手机号|电话号|号码|号|手机|电话)`,
    // "联系电话改成…", "电话改为…", "号码换成…"
    String.raw`${PHONE}(?:码)?(?:改|换|变)(?:成|为)`,
    // "以后打这个号", "以后联系这个电话", "以后就打…"
    String.raw`以后(?:就|请|麻烦)?(?:打|联系|找|拨)`,
    // "原来的号不用了", "那个号停机了"
    String.raw`(?:原来|以前|之前|那个|旧)的?${PHONE}(?:码)?(?:不用了|停机了|停了|没了|打不通了)`,
  ].join("|"),
  "u",
);
const ENGLISH =
  /\b(?:my\s+(?:phone\s+|mobile\s+|contact\s+)?number\s+(?:has\s+)?changed|new\s+(?:phone\s+|mobile\s+)?number|my\s+(?:phone\s+|mobile\s+)?number\s+is\s+now|change\s+my\s+(?:contact\s+)?(?:phone|number)|call\s+me\s+(?:on|at)\b.{0,30}\bfrom\s+now\s+on)/iu;

// Another's number: the property's, a shop's, a company's, a unit's.
const SOMEONE_ELSE =
  /(?:物业|公司|商家|店|单位|老板|客服|热线|房东|他|她|他们)(?:的)?(?:电话|手机|号码)/u;

/**
 * Whether the words say nothing but the new number: every clause either tells of the change or
 * gives a number ("俺电话换了，新号是13712345678"), none tells a matter ("俺电话换了，新号是…，小区
 * 门口的路灯坏了"). Read where the words could also be the matter, at the description.
 */
export function saysOnlyNewPhone(text: string): boolean {
  return clausesOf(text).every(
    (clause) =>
      CHINESE.test(clause) ||
      ENGLISH.test(clause) ||
      !/\p{Script=Han}{3}/u.test(clause.replace(/\d/gu, "")),
  );
}

/**
 * The phone number the words give the citizen's cases from now on; null when they say no
 * such thing or give no valid number.
 */
export function newPhoneSaid(text: string, parser: PhoneParser): PhoneNumber | null {
  if (charLength(text) > MAX_NEW_PHONE_LENGTH) return null;
  if (!(CHINESE.test(text) || ENGLISH.test(text)) || SOMEONE_ELSE.test(text)) return null;
  return readTypedContact(text, parser).phone;
}
