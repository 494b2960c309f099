/**
 * "137****5678": a number shown back to its citizen, enough for them to recognise and nothing
 * for a shoulder to read (the first three and the last four characters kept).
 */
export function maskedPhone(display: string): string {
  const kept = [...display];
  return kept.map((c, i) => (i < 3 || i >= kept.length - 4 || !/\d/.test(c) ? c : "*")).join("");
}
