import { loadOrTrainBaseModel } from "../../src/classification/model-cache.ts";
import type { ModelArtifact } from "../../src/classification/model.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import { TEST_CLASSIFIER_CACHE } from "./classifier-cache.ts";

let loaded: Promise<ModelArtifact> | undefined;

/** The base model of the default directory and the repository's corpus. */
export function baseModel(): Promise<ModelArtifact> {
  loaded ??= loadDirectory().then(
    async (directory) =>
      (await loadOrTrainBaseModel({ directory, cacheDir: TEST_CLASSIFIER_CACHE })).model,
  );
  return loaded;
}
