/**
 * Numbers as voice input and some elderly writers give them: "一三九八七六五四三二一", with 幺
 * for 1 and 两 for 2 as they are said on the phone. A run of at least seven such digits (spaces
 * and dashes between them allowed) is a number said digit by digit, never ordinary words — the
 * longest run in plain text is an idiom's four (三三两两). Written by hand: the Chinese-numeral
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

/** A run of seven or more digits said in words, possibly with Arabic digits or separators. */
export const SPOKEN_NUMBER_RUN = new RegExp(
  `${SPOKEN_DIGIT}(?:[\\s\\-–—]*(?:${SPOKEN_DIGIT}|\\d)){6,}`,
  "gu",
);

/**
 * `text` with every number said digit by digit written in Arabic digits, one character for one,
 * so positions found in the result are positions in the original (as `toHalfWidth` keeps them).
 */
export function spokenDigitsAsArabic(text: string): string {
  return text.replace(SPOKEN_NUMBER_RUN, (run) =>
    run.replace(new RegExp(SPOKEN_DIGIT, "gu"), (digit) => DIGIT_OF[digit]!),
  );
}
