import type { Directory } from "../domain/directory.ts";
import type { Logger } from "../logging/logger.ts";
import type { ClassifierModelStore, ModelRecord } from "./learning.ts";
import { deserializeModel, type ModelArtifact } from "./model.ts";
import { loadOrTrainBaseModel } from "./model-cache.ts";
import { FEATURES_VERSION } from "./text-features.ts";

export interface ServedModel {
  readonly model: ModelArtifact;
  /** The database's record of a retrained model; null when the base model serves. */
  readonly record: ModelRecord | null;
}

/**
 * The model a start serves: the retrained one in service in the database when
 * it was trained on this corpus and code, the base model otherwise (from the
 * disk cache, or trained and cached now). A stored model that no longer fits is
 * logged and left for the next retraining.
 */
export async function modelInService(deps: {
  readonly directory: Directory;
  readonly store: ClassifierModelStore;
  readonly cacheDir: string | null;
  readonly logger?: Logger;
}): Promise<ServedModel> {
  const started = Date.now();
  const base = await loadOrTrainBaseModel(deps);
  deps.logger?.info(
    { fromCache: base.fromCache, ms: Date.now() - started },
    base.fromCache ? "classifier loaded from its cache" : "classifier trained and cached",
  );
  const stored = await deps.store.inService();
  if (!stored) return { model: base.model, record: null };
  try {
    const model = deserializeModel(stored.artifact);
    if (
      model.featuresVersion === FEATURES_VERSION &&
      model.provenance.baseKey === base.model.provenance.key
    ) {
      return { model, record: stored.record };
    }
    deps.logger?.warn(
      { modelId: stored.record.id },
      "the retrained classifier in service was trained on another corpus or code; the base model serves until the next retraining (npm run retrain)",
    );
  } catch (error) {
    deps.logger?.error(
      { err: error, modelId: stored.record.id },
      "classifier in service unreadable; the base model serves",
    );
  }
  return { model: base.model, record: null };
}
