/**
 * The duplicate scorer of the service and the evaluation command, built the
 * same way for both: place words read from the directory, text weights
 * learnt from the classifier's corpus of complaints.
 */
import { loadCorpus } from "./corpus.ts";
import type { Directory } from "../domain/directory.ts";
import { createDuplicateScorer, type DuplicateScorer } from "../domain/places/duplicates.ts";
import { createPlaceReader } from "../domain/places/place-text.ts";
import { createTextSimilarity } from "../domain/places/text-similarity.ts";

/** Reads the corpus (a few hundred kB) once; throws when it cannot be read. */
export async function loadDuplicateScorer(directory: Directory): Promise<DuplicateScorer> {
  const corpus = await loadCorpus();
  return createDuplicateScorer({
    reader: createPlaceReader(directory),
    text: createTextSimilarity(corpus.map((item) => item.text)),
  });
}
