/**
 * A citizen's words as a handling unit reads them. 《信访工作条例》: a petitioner's identity
 * is never disclosed to the people or unit they report on, so a unit sees no contact; but
 * many citizens write it into the complaint itself ("我叫张建国，电话139…"), and the unit
 * must read the complaint. What identifies the writer is masked in the text: every valid
 * phone number (also one said digit by digit in words, as voice input writes it), every ID
 * card number, the names and numbers they left as their contact (now or before; a number
 * also in a shape no phone is recognised by, a landline also by its local number alone) and
 * every name they introduce in the text
 * ("俺叫李桂兰", also when they asked to be called 李大娘).
 */
import type { NumberHolder } from "./holder-relations.ts";
import { namesInText, parseChinesePhone, PHONE_CANDIDATE } from "./intake/phone.ts";
import { SPOKEN_NUMBER_RUN, spokenDigitsAsArabic } from "./spoken-digits.ts";

/** A name and number a case keeps (or kept) to reach its citizen (any field may be missing). */
export interface HeldContact {
  readonly name: string | null;
  readonly phone: string | null;
  /** Absent or null: the phone is the citizen's own. */
  readonly holder?: NumberHolder | null;
}

/** The contact the citizen left with the case. */
export interface LeftContact extends HeldContact {
  /**
   * The contacts the case kept before (电话换了), oldest first; absent: none known. The words
   * may still name them ("我儿子李建军的电话…" after the number became the citizen's own).
   */
  readonly former?: readonly HeldContact[];
}

// 18 characters (17 digits and a digit or X) or the old 15 digits, standing alone.
const ID_CARD_NUMBER =
  /(?<![\d０-９])(?:[\d０-９]{17}[\d０-９XxＸｘ]|[\d０-９]{15})(?![\d０-９XxＸｘ])/gu;

// A mobile number standing alone, also where a run of digits around it is no phone as a whole.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

const mask = (text: string) => "*".repeat([...text].length);

/**
 * A name of one letter is a surname said alone ("俺姓赵", "免贵姓李"), as many elderly citizens
 * answer "怎么称呼您": kept as they said it (asking again for a full name would nag), shown to
 * the clerks as a surname so they know how to address the citizen (赵先生 or 赵女士 on the phone).
 */
export function isSurnameOnly(name: string): boolean {
  return [...name.trim()].length === 1;
}

const FULL_WIDTH_ZERO = "０".codePointAt(0)!;

/**
 * The digits of a number the case keeps (or kept) wherever the text writes them, also with
 * separators no phone is recognised by ("158.1234.5678", "158/1234/5678"): the case kept the
 * number, so it is the writer's whatever its shape. Half- or full-width digits, at most two
 * other signs between two of them, no digit around.
 */
function writtenNumber(digits: string): RegExp {
  const each = [...digits].map((d) => `[${d}${String.fromCodePoint(FULL_WIDTH_ZERO + Number(d))}]`);
  return new RegExp(`(?<![\\d０-９])${each.join("[^\\d０-９\\p{L}]{0,2}")}(?![\\d０-９])`, "gu");
}

/**
 * The digits a kept number is written with: all of them, and a landline's local number alone
 * ("0394-8123456" is "8123456" to the neighbours who ring it) — only the kept one's, so no
 * other number of seven digits is taken for it.
 */
function writtenDigits(phone: string): string[] {
  const all = phone.replace(/\D/g, "");
  const parsed = parseChinesePhone(phone);
  const local = parsed?.kind === "landline" ? parsed.display.split("-")[1] : undefined;
  return local === undefined ? [all] : [all, local];
}

/** `text` with the writer's phone numbers, ID card numbers and names masked by `*`. */
export function maskIdentity(text: string, contact: LeftContact | null): string {
  let masked = text
    .replace(ID_CARD_NUMBER, mask)
    .replace(PHONE_CANDIDATE, (run) =>
      parseChinesePhone(run) ? run.replace(/[\d０-９]/gu, "*") : run,
    )
    .replace(MOBILE, mask)
    .replace(SPOKEN_NUMBER_RUN, (run) =>
      parseChinesePhone(spokenDigitsAsArabic(run)) ? run.replace(/[^\s\-–—]/gu, "*") : run,
    );
  // The holder's name identifies the citizen as much as their own (the unit may know the family),
  // and so does every name and number the case kept before.
  const held = contact ? [contact, ...(contact.former ?? [])] : [];
  const numbers = held.flatMap((each) => (each.phone ? writtenDigits(each.phone) : []));
  // A stored number is a valid phone (7 digits or more); fewer would mask a house number.
  for (const digits of numbers.filter((n) => n.length >= 7)) {
    masked = masked.replace(writtenNumber(digits), (run) => run.replace(/[\d０-９]/gu, "*"));
  }
  const names = [
    ...held.flatMap((each) => [each.name?.trim() ?? "", each.holder?.name?.trim() ?? ""]),
    ...namesInText(text),
  ];
  // A surname alone (王) would mask every 王 of the text; such a name says little anyway.
  for (const name of names.filter((n) => n.trim() !== "" && !isSurnameOnly(n))) {
    masked = masked.replaceAll(name, mask(name));
  }
  return masked;
}
