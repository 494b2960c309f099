/**
 * Full-width ASCII forms (U+FF01–U+FF5E: "１３８", "ＺＫ－", "：") as ASCII, one character for
 * one, so positions found in the result are positions in the original. Written here rather
 * than taken from `normalize("NFKC")`, which also rewrites ①, ㎡ and … and changes lengths.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (char) =>
    String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET),
  );
}

const FULL_WIDTH_OFFSET = 0xfee0;
