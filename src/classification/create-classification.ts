import type { Classifier, ClassificationHints } from "../domain/classification.ts";
import type { Directory } from "../domain/directory.ts";
import type { Logger } from "../logging/logger.ts";
import type { ClassificationPair, LlmClassifier, LlmFailure } from "./llm-classifier.ts";
import type { LlmConfig } from "./llm-config.ts";
import type { ModelArtifact } from "./model.ts";
import { createOfflineClassifier, type OfflineClassifier } from "./offline-classifier.ts";

/** The classifier every channel uses, with both answers kept for storage. */
export interface ClassificationService {
  /** The LLM classifier when configured (falling back to offline), the offline one otherwise. */
  readonly classifier: Classifier;
  /** The offline classifier with the model in service. */
  readonly offline: OfflineClassifier;
  readonly llm: LlmClassifier | null;
  /** Which classifier answers citizens, and why the LLM last failed (for administrators). */
  inService(): ClassifierInService;
  /** Never rejects; `llm` is null when no LLM is configured or it failed. */
  classifyBoth(text: string, hints?: ClassificationHints): Promise<ClassificationPair>;
  /**
   * Answers with `model` from now on (a retrained model put in service).
   * @throws Error when the model does not fit this code or directory (the old one stays).
   */
  use(model: ModelArtifact): void;
}

/** The classifier answering citizens: the LLM (with the offline one as its fallback) or the offline one. */
export interface ClassifierInService {
  readonly answering: "llm" | "offline";
  /** The LLM's model name; null without an LLM. */
  readonly llmModel: string | null;
  /** The LLM's most recent failure since the start (null: none, or no LLM). */
  readonly llmLastError: (LlmFailure & { readonly at: string }) | null;
}

export interface ClassificationServiceDeps {
  readonly directory: Directory;
  /** The model to start with (model-cache.ts, or the one in service in the database). */
  readonly model: ModelArtifact;
  /** Null: offline only. */
  readonly llm: LlmConfig | null;
  /** Required when `llm` is set (see loadPrompt). */
  readonly promptTemplate?: string;
  /** Calibrated confidence below which an answer is unsure (CLASSIFIER_UNSURE_BELOW). */
  readonly unsureBelow?: number;
  /** Where an LLM failure is logged, once per failed classification. */
  readonly logger?: Logger;
  /** When an LLM failure happened (default: the system clock). */
  readonly clock?: { now(): Date };
}

/**
 * Builds the offline classifier on `model` and, when configured, the LLM
 * classifier on top of it (the openai package is loaded only then: it weighs on every start).
 * @throws Error when the model does not fit, or an LLM is configured without a prompt.
 */
export async function createClassificationService(
  deps: ClassificationServiceDeps,
): Promise<ClassificationService> {
  const build = (model: ModelArtifact) =>
    createOfflineClassifier({
      directory: deps.directory,
      model,
      ...(deps.unsureBelow !== undefined && { unsureBelow: deps.unsureBelow }),
    });
  let current = build(deps.model);
  // Every user holds this one object; `use` swaps what it delegates to.
  const offline: OfflineClassifier = {
    get model() {
      return current.model;
    },
    classifySync: (text, hints) => current.classifySync(text, hints),
    detectRegion: (text, hints) => current.detectRegion(text, hints),
    classify: async (text, hints) => current.classifySync(text, hints),
  };
  const use = (model: ModelArtifact) => {
    current = build(model);
  };
  if (!deps.llm) {
    return {
      classifier: offline,
      offline,
      llm: null,
      inService: () => ({ answering: "offline", llmModel: null, llmLastError: null }),
      classifyBoth: async (text, hints) => {
        const result = offline.classifySync(text, hints);
        const llmError: LlmFailure = { kind: "error", message: "no LLM configured" };
        return { final: result, offline: result, llm: null, llmError };
      },
      use,
    };
  }
  if (!deps.promptTemplate) throw new Error("an LLM is configured but no prompt was given");
  const { createLlmClassifier, createOpenAiClient } = await import("./llm-classifier.ts");
  const llm = createLlmClassifier({
    directory: deps.directory,
    offline,
    client: createOpenAiClient(deps.llm),
    model: deps.llm.model,
    responseFormat: deps.llm.responseFormat,
    timeoutMs: deps.llm.timeoutMs,
    promptTemplate: deps.promptTemplate,
    ...(deps.unsureBelow !== undefined && { unsureBelow: deps.unsureBelow }),
  });
  const model = deps.llm.model;
  let llmLastError: ClassifierInService["llmLastError"] = null;
  const classifyBoth = async (text: string, hints?: ClassificationHints) => {
    const pair = await llm.classifyBoth(text, hints);
    if (pair.llmError) {
      llmLastError = { ...pair.llmError, at: (deps.clock?.now() ?? new Date()).toISOString() };
      deps.logger?.warn(
        { kind: pair.llmError.kind, reason: pair.llmError.message, model },
        "LLM classification failed; the offline answer is used",
      );
    }
    return pair;
  };
  return {
    classifier: {
      async classify(text, hints) {
        const pair = await classifyBoth(text, hints);
        return pair.llm ? { ...pair.final, offline: pair.offline } : pair.final;
      },
    },
    offline,
    llm,
    inService: () => ({ answering: "llm", llmModel: model, llmLastError }),
    classifyBoth,
    use,
  };
}
