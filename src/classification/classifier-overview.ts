import type { ClassificationService, ClassifierInService } from "./create-classification.ts";
import type { ClassifierModelStore, ModelRecord } from "./learning.ts";

/**
 * What an administrator sees of the classifier: which one answers citizens and the LLM's last
 * failure, the offline model serving and the retraining history.
 */
export interface ClassifierOverview {
  readonly inService: ClassifierInService;
  readonly serving: {
    /** "retrained": a model learned from clerks' decisions; "base": the repository's corpus alone. */
    readonly source: "base" | "retrained";
    readonly modelId: string | null;
    readonly trainedAt: string;
    readonly corpusItems: number;
    readonly learnedItems: number;
    readonly calibrationItems: number;
    readonly temperature: number;
    readonly ruleConfidence: number;
    readonly unsureBelow: number;
  };
  /** Retrained models, newest first, with their figures and verdicts. */
  readonly history: readonly ModelRecord[];
}

/** How many records of the history the overview shows. */
const HISTORY_SHOWN = 20;

export function createClassifierOverview(deps: {
  readonly service: ClassificationService;
  readonly store: ClassifierModelStore;
  readonly unsureBelow: number;
}): { overview(): Promise<ClassifierOverview> } {
  return {
    async overview() {
      const model = deps.service.offline.model;
      const history = await deps.store.history(HISTORY_SHOWN);
      const record = history.find(
        (r) => r.status === "in_service" && r.trainingKey === model.provenance.key,
      );
      const { provenance } = model;
      return {
        inService: deps.service.inService(),
        serving: {
          source: record ? "retrained" : "base",
          modelId: record?.id ?? null,
          trainedAt: provenance.trainedAt,
          corpusItems: provenance.corpusItems,
          learnedItems: provenance.learnedItems,
          calibrationItems: provenance.calibrationItems,
          temperature: model.temperature,
          ruleConfidence: model.ruleConfidence,
          unsureBelow: deps.unsureBelow,
        },
        history,
      };
    },
  };
}
