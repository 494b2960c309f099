/**
 * Numbers as voice input and some elderly writers give them: "一三九八七六五四三二一", with 幺
 * for 1 and 两 for 2 as they are said on the phone. A run of at least seven such digits (spaces
 * and dashes between groups allowed) is a number said digit by digit, never ordinary words —
 * the longest run in plain text is an idiom's four (三三两两). Written by hand: the Chinese-numeral
 * packages on npm read 一百二十 as a quantity, not a phone number said one digit at a time.
 */
const DIGIT_OF: Readonly<Record<string, string>> = {
  零: "0",
  〇: "0",
  一: "1",
  幺: "1",
  二: "2",
  两: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};

const SPOKEN_DIGIT = "[零〇一幺二两三四五六七八九]";

// Groups of two or more digits ("幺三九 幺二三四 五六七八"): a lone digit before a space is the
// end of a name (张三 13812345678, 张三 一三九…), not part of the number.
const SPOKEN_GROUP = `${SPOKEN_DIGIT}{2,}`;

/** A run of digits said in words, in groups of two or more, possibly with separators. */
export const SPOKEN_NUMBER_RUN = new RegExp(`${SPOKEN_GROUP}(?:[\\s\\-–—]+${SPOKEN_GROUP})*`, "gu");

const MIN_DIGITS = 7;

/**
 * `text` with every number said digit by digit (seven digits or more) written in Arabic digits,
 * one character for one, so positions found in the result are positions in the original (as
 * `toHalfWidth` keeps them).
 */
export function spokenDigitsAsArabic(text: string): string {
  return text.replace(SPOKEN_NUMBER_RUN, (run) => {
    const digits = run.match(new RegExp(SPOKEN_DIGIT, "gu")) ?? [];
    return digits.length < MIN_DIGITS
      ? run
      : run.replace(new RegExp(SPOKEN_DIGIT, "gu"), (digit) => DIGIT_OF[digit]!);
  });
}
