/**
 * Chinese numerals as citizens write them, read once for every reader of the domain (the time
 * words, house and building numbers, the count of a group): each digit's value, 两 and 俩 for 2
 * as said, and numbers written with 十, 百 and 千 ("二十五", "一百二十", "两千") or digit by digit
 * ("一二" is 12, as a house number is read). Written by hand: it is a table and a loop, and the
 * npm packages for Chinese numerals read 一二 as nothing and 俩 not at all.
 */

/** The value of each Chinese digit as written or said (两 and 俩 for 2). */
export const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * The number `written` in Chinese digits and units ("二十五" 25, "十二" 12, "一百二十" 120), or
 * in digits alone, one after the other ("一二" 12, "五" 5). Other letters count as 0.
 */
export function chineseNumeral(written: string): number {
  const chars = [...written];
  if (!chars.some((char) => char in CN_UNITS)) {
    return Number(chars.map((char) => CN_DIGITS[char] ?? 0).join(""));
  }
  let total = 0;
  let current = 0;
  for (const char of chars) {
    const unit = CN_UNITS[char];
    if (unit === undefined) {
      current = CN_DIGITS[char] ?? 0;
      continue;
    }
    total += (current || 1) * unit;
    current = 0;
  }
  return total + current;
}
