import type { Classifier, ClassificationHints } from "../domain/classification.ts";
import type { Directory } from "../domain/directory.ts";
import type { CorpusItem } from "./corpus.ts";
import {
  createLlmClassifier,
  createOpenAiClient,
  type ClassificationPair,
  type LlmClassifier,
} from "./llm-classifier.ts";
import type { LlmConfig } from "./llm-config.ts";
import { createOfflineClassifier, type OfflineClassifier } from "./offline-classifier.ts";

/** The classifier every channel uses, with both answers kept for storage. */
export interface ClassificationService {
  /** The LLM classifier when configured (falling back to offline), the offline one otherwise. */
  readonly classifier: Classifier;
  readonly offline: OfflineClassifier;
  readonly llm: LlmClassifier | null;
  /** Never rejects; `llm` is null when no LLM is configured or it failed. */
  classifyBoth(text: string, hints?: ClassificationHints): Promise<ClassificationPair>;
}

export interface ClassificationServiceDeps {
  readonly directory: Directory;
  readonly corpus: readonly CorpusItem[];
  /** Null: offline only. */
  readonly llm: LlmConfig | null;
  /** Required when `llm` is set (see loadPrompt). */
  readonly promptTemplate?: string;
}

/**
 * Builds the offline classifier (training it, under a second) and, when
 * configured, the LLM classifier on top of it.
 * @throws Error when the corpus is unusable, or an LLM is configured without a prompt.
 */
export function createClassificationService(
  deps: ClassificationServiceDeps,
): ClassificationService {
  const offline = createOfflineClassifier({ directory: deps.directory, corpus: deps.corpus });
  if (!deps.llm) {
    return {
      classifier: offline,
      offline,
      llm: null,
      classifyBoth: async (text, hints) => {
        const result = offline.classifySync(text, hints);
        return { final: result, offline: result, llm: null, llmError: "no LLM configured" };
      },
    };
  }
  if (!deps.promptTemplate) throw new Error("an LLM is configured but no prompt was given");
  const llm = createLlmClassifier({
    directory: deps.directory,
    offline,
    client: createOpenAiClient(deps.llm),
    model: deps.llm.model,
    responseFormat: deps.llm.responseFormat,
    timeoutMs: deps.llm.timeoutMs,
    promptTemplate: deps.promptTemplate,
  });
  return {
    classifier: {
      async classify(text, hints) {
        const pair = await llm.classifyBoth(text, hints);
        return pair.llm ? { ...pair.final, offline: pair.offline } : pair.final;
      },
    },
    offline,
    llm,
    classifyBoth: llm.classifyBoth,
  };
}
