import { loadDuplicateScorer } from "../../../src/classification/duplicate-scorer.ts";
import { loadDirectory } from "../../../src/directory/load-directory.ts";
import type { DuplicateScorer } from "../../../src/domain/places/duplicates.ts";

/** The duplicate scorer as the product builds it: the demo directory, the complaint corpus's weights. */
export async function demoScorer(): Promise<DuplicateScorer> {
  return loadDuplicateScorer(await loadDirectory());
}
