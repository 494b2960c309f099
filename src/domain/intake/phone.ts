/**
 * Phone numbers as citizens of 周口市 write them: mobiles (13812345678, +86 138 1234 5678,
 * full-width digits) and landlines with area code (0394-8123456, (0394)8123456). A local
 * landline without area code (8123456) is taken as a Zhoukou number (0394).
 *
 * Hand-written to the rules of the brief so the engine compiles without new packages;
 * libphonenumber-js (/max metadata) validates landline lengths per area code more exactly
 * and is the recommended replacement behind the same `PhoneParser` port.
 */
import type { PhoneParser } from "./ports.ts";

export const ZHOUKOU_AREA_CODE = "0394";

export interface PhoneNumber {
  readonly kind: "mobile" | "landline" | "international";
  /** Canonical form stored and shown: "13812345678", "0394-8123456", "+4915112345678". */
  readonly display: string;
}

/** Full-width digits and signs to ASCII (phones often type "１３８…"). */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Area codes of three digits: 010 (Beijing) and 02X (big cities); all others have four.
function splitAreaCode(digits: string): [string, string] {
  const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : 4;
  return [digits.slice(0, areaLength), digits.slice(areaLength)];
}

/**
 * Parses one phone number (the whole text must be the number, separators allowed).
 * Returns null when it is not a valid Chinese mobile or landline number.
 */
export function parseChinesePhone(text: string): PhoneNumber | null {
  const compact = toHalfWidth(text)
    .trim()
    .replace(/[\s\-–—().（）]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits = compact.replace(/^\+/, "");
  const hadPlus = compact.startsWith("+");
  if (/^0086/.test(digits)) digits = digits.slice(4);
  else if (/^86\d{9,12}$/.test(digits) && (hadPlus || digits.length === 13))
    digits = digits.slice(2);
  else if (hadPlus) {
    return /^[1-9]\d{7,14}$/.test(digits) ? { kind: "international", display: `+${digits}` } : null;
  }
  if (/^1[3-9]\d{9}$/.test(digits)) return { kind: "mobile", display: digits };
  // After +86 a landline loses its leading 0.
  if (/^[2-9]\d{8,10}$/.test(digits) && compact.replace(/^\+?(?:00)?/, "").startsWith("86")) {
    digits = `0${digits}`;
  }
  if (/^0[1-9]\d{8,10}$/.test(digits)) {
    const [area, local] = splitAreaCode(digits);
    if (/^[2-9]\d{6,7}$/.test(local)) return { kind: "landline", display: `${area}-${local}` };
    return null;
  }
  if (/^[2-9]\d{6,7}$/.test(digits)) {
    return { kind: "landline", display: `${ZHOUKOU_AREA_CODE}-${digits}` };
  }
  return null;
}

/** The default `PhoneParser`. Swap for a libphonenumber-js adapter in one line (see README). */
export const chinesePhoneParser: PhoneParser = { parse: parseChinesePhone };

/** A run of characters that looks like a phone number attempt (digits with separators). */
const PHONE_CANDIDATE = /(?:\+|＋)?[\d０-９][\d０-９\s\-–—()（）]{4,}[\d０-９]/gu;

export interface TypedContact {
  /** The first number-like run, validated; null when there was none or it is invalid. */
  readonly phone: PhoneNumber | null;
  /** True when the text contained something number-like (so "invalid" is the right answer). */
  readonly hadDigits: boolean;
  /** What remains once the number and filler words are removed; null when nothing is left. */
  readonly name: string | null;
}

const NAME_FILLER =
  /我叫|我是|我姓|本人|姓名|名字|称呼|联系人|联系方式|联系电话|电话号码|手机号码|手机号|手机|电话|号码|座机|是|[:：,，。.;；!！、\s]/gu;

/** Reads "张三 13812345678" or "我叫李秀英，电话0394-8123456" into name and phone. */
export function readTypedContact(text: string, parser: PhoneParser): TypedContact {
  const candidates = toHalfWidth(text).match(PHONE_CANDIDATE) ?? [];
  const first = candidates[0];
  const hadDigits = /\d{3,}/.test(toHalfWidth(text));
  const phone = first === undefined ? null : parser.parse(first);
  let rest = toHalfWidth(text);
  if (first !== undefined) rest = rest.replace(first, " ");
  rest = rest.replace(NAME_FILLER, "").trim();
  const name = rest.length > 0 && rest.length <= 20 && /\p{L}/u.test(rest) ? rest : null;
  return { phone, hadDigits, name };
}
