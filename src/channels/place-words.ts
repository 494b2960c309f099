/**
 * A shared place (a Telegram venue, a WeChat location) as the address text the
 * conversation keeps: its name and its address, without saying the same twice.
 */

/**
 * "人民公园（川汇区七一路）", "Wanda Plaza (Renmin Road)" when neither is written in Chinese; the
 * address alone when it contains the name; null when neither.
 */
export function placeWords(name: string | undefined, address: string | undefined): string | null {
  const parts = [name?.trim(), address?.trim()].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  const [first, second] = parts;
  if (second === undefined || first === second || second.includes(first!)) return second ?? first!;
  return parts.some((part) => /\p{Script=Han}/u.test(part))
    ? `${first}（${second}）`
    : `${first} (${second})`;
}
