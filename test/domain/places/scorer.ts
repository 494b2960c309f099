import { loadCorpus } from "../../../src/classification/corpus.ts";
import { loadDirectory } from "../../../src/directory/load-directory.ts";
import {
  createDuplicateScorer,
  type DuplicateScorer,
} from "../../../src/domain/places/duplicates.ts";
import { createPlaceReader } from "../../../src/domain/places/place-text.ts";
import { createTextSimilarity } from "../../../src/domain/places/text-similarity.ts";

/** The duplicate scorer as the product builds it: the demo directory, the complaint corpus's weights. */
export async function demoScorer(): Promise<DuplicateScorer> {
  const [directory, corpus] = await Promise.all([loadDirectory(), loadCorpus()]);
  return createDuplicateScorer({
    reader: createPlaceReader(directory),
    text: createTextSimilarity(corpus.map((item) => item.text)),
  });
}
