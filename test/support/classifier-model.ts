import { loadOrTrainBaseModel } from "../../src/classification/model-cache.ts";
import type { ModelArtifact } from "../../src/classification/model.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import { TEST_CLASSIFIER_CACHE } from "./classifier-cache.ts";

/**
 * Where a worker keeps the model it loaded: on globalThis, because setup.ts gives every file
 * fresh modules, and this one's variable would be loaded again for each file (read, hashed and
 * decoded: about half a second of CPU per file). The model is data; nothing changes it in place.
 */
const WORKER_MODEL = Symbol.for("petition-intake.test.baseModel");

/** The base model of the default directory and the repository's corpus. */
export function baseModel(): Promise<ModelArtifact> {
  const worker = globalThis as { [WORKER_MODEL]?: Promise<ModelArtifact> };
  worker[WORKER_MODEL] ??= loadDirectory().then(
    async (directory) =>
      (await loadOrTrainBaseModel({ directory, cacheDir: TEST_CLASSIFIER_CACHE })).model,
  );
  return worker[WORKER_MODEL];
}
