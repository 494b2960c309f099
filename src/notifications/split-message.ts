/**
 * Splits a long plain text into Telegram-sized messages. We send notifications
 * as plain text (no parse_mode), so a cut can never break HTML markup or an
 * entity; the splitter only has to respect words, sentences and surrogate pairs.
 */

/** Telegram's limit for one message text, in UTF-16 code units. */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SENTENCE_END = /[。！？!?…]|\.(?=\s|$)/u;
const CLAUSE_END = /[，；：、,;:]/u;

/**
 * Cuts `text` into parts of at most `limit` UTF-16 code units, preferring, in
 * this order, a paragraph break, a line break, the end of a sentence
 * (。！？.!?), the end of a clause (，；,;), then whitespace; only a text with
 * none of these within `limit` is cut hard, and never inside a surrogate pair.
 * Whitespace at the cuts is dropped; the order and every other character is
 * kept. An empty or blank text gives no parts.
 * @throws RangeError when `limit` is below 2.
 */
export function splitMessage(text: string, limit: number = TELEGRAM_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError(`limit must be at least 2, not ${limit}`);
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    if (head.length > 0) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/**
 * As `splitMessage`, but each part at most `maxBytes` bytes of UTF-8 (WeCom counts bytes).
 * A UTF-16 code unit is at most 3 bytes, so a limit of maxBytes / 3 always fits; the largest
 * limit is tried first and shrunk while a part is too long, so Latin text is not cut thrice as
 * often as it needs.
 * @throws RangeError when `maxBytes` is below 6.
 */
export function splitMessageBytes(text: string, maxBytes: number): string[] {
  if (maxBytes < 6) throw new RangeError(`maxBytes must be at least 6, not ${maxBytes}`);
  const safe = Math.floor(maxBytes / 3);
  let limit = maxBytes;
  for (;;) {
    const parts = splitMessage(text, limit);
    const longest = Math.max(0, ...parts.map((part) => Buffer.byteLength(part, "utf8")));
    if (longest <= maxBytes || limit <= safe) return parts;
    limit = Math.max(safe, Math.floor((limit * maxBytes) / longest));
  }
}

/** The index to cut `text` at: the end of the first part, in (0, limit]. */
function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  // A cut should not leave a tiny first part: look for boundaries in the second half first.
  const minimum = Math.floor(limit / 2);
  for (const finder of [paragraphCut, lineCut, sentenceCut, clauseCut, spaceCut]) {
    const cut = finder(window, limit);
    if (cut >= minimum) return cut;
  }
  for (const finder of [paragraphCut, lineCut, sentenceCut, clauseCut, spaceCut]) {
    const cut = finder(window, limit);
    if (cut > 0) return cut;
  }
  return hardCut(text, limit);
}

function lastIndexBefore(window: string, needle: string, limit: number): number {
  return window.lastIndexOf(needle, limit);
}

function paragraphCut(window: string, limit: number): number {
  const at = lastIndexBefore(window, "\n\n", limit);
  return at > 0 ? at : -1;
}

function lineCut(window: string, limit: number): number {
  const at = lastIndexBefore(window, "\n", limit);
  return at > 0 ? at : -1;
}

/** Cut just after the last punctuation mark matching `pattern` that fits. */
function lastMatchEnd(window: string, limit: number, pattern: RegExp): number {
  let best = -1;
  const global = new RegExp(pattern.source, "gu");
  for (const match of window.matchAll(global)) {
    let end = match.index + match[0].length;
    // Keep closing quotes and brackets with their sentence.
    while (end < window.length && /[”’」』）)"'】]/u.test(window[end] ?? "")) end++;
    if (end <= limit) best = end;
  }
  return best;
}

function sentenceCut(window: string, limit: number): number {
  return lastMatchEnd(window, limit, SENTENCE_END);
}

function clauseCut(window: string, limit: number): number {
  return lastMatchEnd(window, limit, CLAUSE_END);
}

function spaceCut(window: string, limit: number): number {
  for (let i = Math.min(limit, window.length - 1); i > 0; i--) {
    if (/\s/u.test(window[i] ?? "")) return i;
  }
  return -1;
}

function hardCut(text: string, limit: number): number {
  const code = text.charCodeAt(limit - 1);
  // A high surrogate at the end would split an emoji or a rare 汉字 in two.
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
