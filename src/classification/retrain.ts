/**
 * Retraining from the clerks' decisions, behind an evaluation gate: a model
 * trained on the corpus plus every routed case is measured with the model in
 * service on the same held-out sets, and put in service only when it is not
 * worse on any of them.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Jieba } from "@node-rs/jieba";
import { GoldItemSchema, scoreClassifications, type GoldItem } from "./evaluation.ts";
import {
  learnedExample,
  MAX_LEARNED_EXAMPLES,
  type ClassifierModelStore,
  type ModelRecord,
} from "./learning.ts";
import { serializeModel, type ModelArtifact } from "./model.ts";
import { baseModelKey, loadTrainingLines, type BaseModelSource } from "./model-cache.ts";
import { createOfflineClassifier } from "./offline-classifier.ts";
import { createDirectorySegmenter, trainModel } from "./train-model.ts";

/**
 * How much lower a retrained model may score than the one in service (top-1
 * accuracy and macro-F1, on each set) and still count as "not worse": half a
 * point, and never less than one item of the set — about two of the 496
 * held-out items (twice that for macro-F1, which one moved item changes in two
 * categories). Adding a handful of lines moves a borderline item or two by
 * chance in SGD; a real regression moves more.
 */
export const RETRAIN_TOLERANCE = 0.005;

function allowedDrop(items: number): number {
  return Math.max(RETRAIN_TOLERANCE, 1 / Math.max(items, 1));
}

/** A labelled set a retrained model is judged on (never trained or tuned on). */
export interface GateSet {
  readonly name: string;
  readonly items: readonly GoldItem[];
}

export interface SetFigures {
  readonly items: number;
  readonly accuracy: number;
  readonly top3Accuracy: number;
  readonly macroF1: number;
  readonly calibrationError: number;
}

export interface RetrainFigures {
  readonly learned: number;
  readonly corrected: number;
  readonly sets: Readonly<Record<string, { current: SetFigures; candidate: SetFigures }>>;
}

export type RetrainOutcome =
  | { readonly result: "unchanged"; readonly learned: number }
  | {
      readonly result: "in_service" | "rejected";
      readonly record: ModelRecord;
      readonly model: ModelArtifact;
      readonly figures: RetrainFigures;
    };

export interface RetrainDeps extends BaseModelSource {
  readonly store: ClassifierModelStore;
  /** The model in service now (the gate's baseline). */
  readonly current: ModelArtifact;
  readonly gateSets: readonly GateSet[];
  readonly now: Date;
  readonly segmenter?: Jieba;
}

/** The gate sets among `files` that exist, read as gold items. @throws Error for a bad line. */
export async function loadGateSets(files: readonly string[]): Promise<GateSet[]> {
  const sets: GateSet[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const items = (await readFile(file, "utf8"))
      .split("\n")
      .filter((line) => line.trim())
      .map((line, i) => {
        const parsed = GoldItemSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${path.basename(file)}:${i + 1}: not a gold item`);
        return parsed.data;
      });
    sets.push({ name: path.basename(file), items });
  }
  return sets;
}

/**
 * Trains on the corpus plus the clerks' decisions, judges the new model against
 * the one in service on every gate set, and records it: in service when it is
 * not worse on any set (beyond RETRAIN_TOLERANCE), rejected otherwise. Nothing
 * is trained or recorded when the training data is what the current model was
 * trained on ("unchanged"). The caller puts an in-service model to use.
 * @throws Error when there is no gate set, or the corpus is invalid.
 */
export async function retrain(deps: RetrainDeps): Promise<RetrainOutcome> {
  if (deps.gateSets.length === 0) throw new Error("retraining needs at least one held-out set");
  const { directory } = deps;
  const lines = await loadTrainingLines(deps);
  const baseKey = await baseModelKey(deps, lines);
  const examples = (await deps.store.decidedCases(MAX_LEARNED_EXAMPLES)).map((decided) =>
    learnedExample(directory, decided),
  );
  // Oldest first, so that the order (and thus the model) does not depend on the query.
  examples.reverse();
  // Without decisions to learn from, the model is the base model and has its key.
  const key =
    examples.length === 0
      ? baseKey
      : createHash("sha256")
          .update(baseKey)
          .update(JSON.stringify(examples.map((e) => [e.text, e.category])))
          .digest("hex");
  if (key === deps.current.provenance.key) return { result: "unchanged", learned: examples.length };

  const segmenter = deps.segmenter ?? createDirectorySegmenter(directory);
  const candidate = trainModel({
    directory,
    ...lines,
    learned: examples.map((e) => ({ text: e.text, category: e.category, region: e.region })),
    key,
    baseKey,
    now: deps.now,
    segmenter,
  });
  const judge = (model: ModelArtifact, set: GateSet): SetFigures => {
    const classifier = createOfflineClassifier({ directory, model, segmenter });
    const report = scoreClassifications(
      set.items,
      set.items.map((item) => classifier.classifySync(item.text)),
      directory.categories.map((c) => c.code),
      1,
    );
    const { items, accuracy, top3Accuracy, macroF1, calibrationError } = report;
    return { items, accuracy, top3Accuracy, macroF1, calibrationError };
  };
  const sets: Record<string, { current: SetFigures; candidate: SetFigures }> = {};
  const worse: string[] = [];
  for (const set of deps.gateSets) {
    const figures = { current: judge(deps.current, set), candidate: judge(candidate, set) };
    sets[set.name] = figures;
    const drop = allowedDrop(set.items.length) + 1e-9;
    if (
      figures.candidate.accuracy < figures.current.accuracy - drop ||
      figures.candidate.macroF1 < figures.current.macroF1 - 2 * drop
    ) {
      worse.push(set.name);
    }
  }
  const figures: RetrainFigures = {
    learned: examples.length,
    corrected: examples.filter((e) => e.corrected).length,
    sets,
  };
  const record = {
    trainingKey: key,
    corpusItems: candidate.provenance.corpusItems,
    learnedItems: candidate.provenance.learnedItems,
    learnedUntil: examples.at(-1)?.decidedAt ?? null,
    figures,
  };
  if (worse.length > 0) {
    const verdict = `rejected: worse than the model in service on ${worse.join(", ")}`;
    return {
      result: "rejected",
      record: await deps.store.recordRejected({ ...record, verdict }),
      model: candidate,
      figures,
    };
  }
  const verdict = `in service: not worse on ${deps.gateSets.map((s) => s.name).join(", ")}`;
  return {
    result: "in_service",
    record: await deps.store.putInService({
      ...record,
      verdict,
      artifact: serializeModel(candidate),
    }),
    model: candidate,
    figures,
  };
}
