/**
 * How alike two complaints' words are: cosine similarity of character 1- and
 * 2-gram TF-IDF vectors. Characters, not words: citizens' wording, dialect and
 * typos vary (井盖没了 / 井盖被偷了 / 窨井盖丢了) and no segmenter knows local
 * names; the inverse document frequencies, learnt from a corpus of complaints,
 * make 了, 的, 有 count for little and 井盖, 电梯, 噪音 for much.
 */

export interface TextSimilarity {
  /** 0 (nothing in common) to 1 (the same words); 0 when either text has no letters. */
  similarity(a: string, b: string): number;
}

/** Letters and digits only: punctuation and spaces say nothing about the matter. */
const NOT_A_LETTER = /[^\p{L}\p{N}]+/gu;

/** Builds the weights from `corpus` (complaint texts); a gram it never saw weighs most. */
export function createTextSimilarity(corpus: readonly string[]): TextSimilarity {
  const documentFrequency = new Map<string, number>();
  for (const text of corpus) {
    for (const gram of new Set(grams(text))) {
      documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
    }
  }
  const documents = corpus.length;
  const idf = (gram: string) =>
    Math.log((1 + documents) / (1 + (documentFrequency.get(gram) ?? 0))) + 1;

  const vector = (text: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const gram of grams(text)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    const weighted = new Map<string, number>();
    for (const [gram, count] of counts) weighted.set(gram, (1 + Math.log(count)) * idf(gram));
    return weighted;
  };

  return {
    similarity(a, b) {
      const [va, vb] = [vector(a), vector(b)];
      let dot = 0;
      for (const [gram, weight] of va) dot += weight * (vb.get(gram) ?? 0);
      const norm = (v: Map<string, number>) =>
        Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
      const denominator = norm(va) * norm(vb);
      return denominator === 0 ? 0 : dot / denominator;
    },
  };
}

/** Character unigrams and bigrams of the letters, case-folded. */
function grams(text: string): string[] {
  const chars = [...text.toLowerCase().replace(NOT_A_LETTER, "")];
  return [...chars, ...chars.slice(1).map((char, i) => chars[i]! + char)];
}
