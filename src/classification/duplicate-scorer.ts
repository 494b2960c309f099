/**
 * The duplicate scorer of the service and the evaluation command, built the
 * same way for both: place words read from the directory, text weights
 * learnt from the classifier's corpus of complaints.
 */
import { loadCorpus } from "./corpus.ts";
import type { Directory } from "../domain/directory.ts";
import { createDuplicateScorer, type DuplicateScorer } from "../domain/places/duplicates.ts";
import { createPlaceReader } from "../domain/places/place-text.ts";
import { createTextSimilarity, type TextSimilarity } from "../domain/places/text-similarity.ts";

/** Throws when the corpus cannot be read. */
export async function loadDuplicateScorer(directory: Directory): Promise<DuplicateScorer> {
  return createDuplicateScorer({
    reader: createPlaceReader(directory),
    text: await corpusTextSimilarity(),
  });
}

let learntFromCorpus: Promise<TextSimilarity> | undefined;

/**
 * The text weights, learnt once per process: they depend only on the corpus shipped with the
 * code (a few hundred kB read, ~100 ms of CPU to weigh), and a test process builds hundreds of
 * services.
 */
function corpusTextSimilarity(): Promise<TextSimilarity> {
  learntFromCorpus ??= loadCorpus().then((corpus) =>
    createTextSimilarity(corpus.map((item) => item.text)),
  );
  return learntFromCorpus;
}
