/**
 * The one input rule of every boundary (web chat, /status, the console and its API, the
 * Telegram webhook and long polling, WeCom callbacks and pulled messages): a text is
 * well-formed Unicode without NUL or other control characters, except newline and tab.
 *
 * Texts are normalised rather than refused, so a citizen who pastes a stray control
 * character still gets an answer: a lone surrogate becomes U+FFFD, CR LF and CR become LF,
 * and every other C0/C1 control character (and DEL) is dropped, and so are the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): no Chinese or English
 * text needs them, and one U+202E makes a complaint read backwards in the clerks' console
 * (a phone number or a case number shown other than it is). What is left over is checked
 * by each boundary's zod schema (lengths, shapes of ids, ranges of numbers), which answers
 * a clear 400. Neither SQLite nor PostgreSQL can then be handed a text it refuses
 * (PostgreSQL rejects NUL in text and lone surrogates in jsonb).
 */
import { z } from "zod";

/** JSON deeper than this is refused (Telegram's updates nest about 8 levels). */
export const MAX_JSON_DEPTH = 32;

// Lone surrogates: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls except tab (09) and newline (0A), DEL, C1 controls and the bidirectional
// embeddings, overrides and isolates; CR is handled before.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** A text under the input rule (idempotent: a clean text comes back unchanged). */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** True when `text` already follows the rule. */
export function isCleanText(text: string): boolean {
  return cleanText(text) === text;
}

/**
 * Every string in a parsed JSON value (object keys included) under the input rule; other
 * values unchanged. Builds new objects and arrays only where something changed.
 */
export function cleanDeep<T>(value: T): T {
  return cleanValue(value) as T;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const cleaned = cleanValue(item);
      if (cleaned !== item) changed = true;
      return cleaned;
    });
    return changed ? items : value;
  }
  if (value !== null && typeof value === "object" && isRecord(value)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const cleanKey = cleanText(key);
      const cleaned = cleanValue(item);
      if (cleanKey !== key || cleaned !== item) changed = true;
      return [cleanKey, cleaned] as const;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/** A parsed record (JSON, a query string, route parameters), not a Date, Buffer or the like. */
function isRecord(value: object): boolean {
  return !(value instanceof Date) && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer);
}

/**
 * The nesting depth of a JSON text, counted without parsing it (so that a 50,000-deep
 * document is refused before `JSON.parse` overflows the stack). Brackets inside strings
 * do not count.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/** A whole number JavaScript and both databases hold exactly (ids, counters, update_id). */
export const SafeIntegerSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * A text field of a boundary schema: cleaned by the rule, trimmed, `min`–`max` characters.
 * (HTTP bodies are already cleaned by the server's hook; this serves the other boundaries
 * and keeps every schema correct on its own.)
 */
export function safeText(max: number, min = 1) {
  return z.string().transform(cleanText).pipe(z.string().trim().min(min).max(max));
}
