/**
 * The words the case search indexes and looks for: overlapping character
 * bigrams of each run of letters and digits, lower-cased ("井盖丢了" →
 * "井盖 盖丢 丢了 了"; see searchTerms).
 *
 * Why bigrams: most Chinese words a clerk types are two characters (井盖, 噪音,
 * 欠薪), and neither SQLite's FTS5 trigram tokenizer nor PostgreSQL's pg_trgm can
 * answer a two-character query from their index (measured in the README: a
 * two-character count took 100–150 ms through FTS5 trigram at 100k cases, 0.2 ms
 * through the bigram index). Bigrams, stored as space-separated words, are indexed by what both
 * databases have without extensions: FTS5's unicode61 tokenizer and
 * PostgreSQL's 'simple' text-search configuration. A query's bigrams, searched
 * as a phrase (adjacent, in order), find exactly the texts that contain the
 * query; a one-character query looks for words starting with it.
 */

/** Runs of letters, digits and marks: what can be searched for. */
const RUN = /[\p{L}\p{N}\p{M}]+/gu;

/** The longest query, in characters, that is searched (longer input is cut). */
export const MAX_QUERY_CHARS = 40;

/**
 * The words of `text` as the index stores them, separated by spaces: the bigrams
 * of each run, then the run's last character alone (so that a one-character
 * query finds a character at the end of a run; a phrase of bigrams never
 * matches a single character).
 */
export function searchTerms(text: string): string {
  return runsOf(text)
    .map((run) => {
      const words = bigrams(run);
      const last = [...run].at(-1)!;
      return (words.length === 1 && words[0] === last ? words : [...words, last]).join(" ");
    })
    .join(" ");
}

/**
 * What a query looks for: for each run of the query, the phrase of its
 * bigrams, or a prefix when the run is one character. Empty when the query
 * has nothing searchable (only punctuation or spaces).
 */
export type SearchQuery = readonly SearchPart[];
export type SearchPart =
  | { readonly kind: "phrase"; readonly words: readonly string[] }
  | { readonly kind: "prefix"; readonly word: string };

export function searchQuery(query: string): SearchQuery {
  return runsOf(query.slice(0, MAX_QUERY_CHARS)).map((run) => {
    const words = bigrams(run);
    return words.length === 1 && [...run].length === 1
      ? { kind: "prefix", word: run }
      : { kind: "phrase", words };
  });
}

/** The query in FTS5's query language: each part a quoted phrase or prefix, all required. */
export function fts5Query(query: SearchQuery): string {
  return query
    .map((part) => (part.kind === "prefix" ? `"${part.word}" *` : `"${part.words.join(" ")}"`))
    .join(" AND ");
}

/** The query in PostgreSQL's tsquery syntax: phrases with <->, prefixes with :*. */
export function tsQuery(query: SearchQuery): string {
  return query
    .map((part) =>
      part.kind === "prefix" ? `${quote(part.word)}:*` : `(${part.words.map(quote).join(" <-> ")})`,
    )
    .join(" & ");
}

function quote(word: string): string {
  // Runs hold letters, digits and marks only: nothing to escape but the quotes themselves.
  return `'${word.replaceAll("'", "''")}'`;
}

function runsOf(text: string): string[] {
  return [...text.toLowerCase().matchAll(RUN)].map((match) => match[0]);
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [run];
  const words: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) words.push(chars[i]! + chars[i + 1]!);
  return words;
}
