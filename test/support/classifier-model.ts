import os from "node:os";
import path from "node:path";
import { loadOrTrainBaseModel } from "../../src/classification/model-cache.ts";
import type { ModelArtifact } from "../../src/classification/model.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";

/**
 * The disk cache the tests share: the base model is trained once (the global
 * setup warms it) and loaded by every test file in a fraction of a second.
 */
export const TEST_CLASSIFIER_CACHE = path.join(os.tmpdir(), "petitions-test-classifier-cache");

let loaded: Promise<ModelArtifact> | undefined;

/** The base model of the default directory and the repository's corpus. */
export function baseModel(): Promise<ModelArtifact> {
  loaded ??= loadDirectory().then(
    async (directory) =>
      (await loadOrTrainBaseModel({ directory, cacheDir: TEST_CLASSIFIER_CACHE })).model,
  );
  return loaded;
}
