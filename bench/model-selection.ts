/**
 * node --import tsx bench/model-selection.ts [gold.jsonl]
 *
 * How the offline model's training settings were chosen: each setting is
 * trained on the corpus and scored, with and without the keyword rules, on the
 * team's own dev set (test/classification/dev.jsonl, a tuning set written for
 * that purpose) — never on the held-out or outside sets.
 */
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { GoldItemSchema, scoreClassifications } from "../src/classification/evaluation.ts";
import { loadTrainingLines } from "../src/classification/model-cache.ts";
import { createOfflineClassifier } from "../src/classification/offline-classifier.ts";
import {
  DEFAULT_LR_OPTIONS,
  type LogisticRegressionOptions,
} from "../src/classification/text-model.ts";
import { createDirectorySegmenter, trainModel } from "../src/classification/train-model.ts";
import { loadDirectory } from "../src/directory/load-directory.ts";

const DEV = new URL("../test/classification/dev.jsonl", import.meta.url).pathname;

const directory = await loadDirectory();
const lines = await loadTrainingLines({ directory });
const gold = (await readFile(process.argv[2] ?? DEV, "utf8"))
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => GoldItemSchema.parse(JSON.parse(line)));
const segmenter = createDirectorySegmenter(directory);
const categories = directory.categories.map((c) => c.code);

const settings: Record<string, Partial<LogisticRegressionOptions>> = {
  default: {},
  "epochs 12": { epochs: 12 },
  "epochs 5": { epochs: 5 },
  "l2 3e-4": { l2: 3e-4 },
  "l2 3e-5": { l2: 3e-5 },
  "rate 1": { learningRate: 1 },
};

const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
process.stdout.write(`corpus ${lines.corpus.length}; dev ${gold.length}\n`);
process.stdout.write("setting        rules  top1    top3   macroF1  train-s  T\n");
for (const [name, change] of Object.entries(settings)) {
  const started = performance.now();
  const model = trainModel({
    directory,
    ...lines,
    key: name,
    segmenter,
    options: { ...DEFAULT_LR_OPTIONS, ...change },
  });
  const seconds = (performance.now() - started) / 1000;
  for (const rules of [false, true]) {
    const classifier = createOfflineClassifier({
      directory,
      model,
      segmenter,
      ...(rules ? {} : { rules: [] }),
    });
    const report = scoreClassifications(
      gold,
      gold.map((item) => classifier.classifySync(item.text)),
      categories,
      1,
    );
    process.stdout.write(
      `${name.padEnd(14)} ${rules ? "yes" : "no "}   ${pct(report.accuracy)} ${pct(report.top3Accuracy)}  ${report.macroF1.toFixed(3)}   ${seconds.toFixed(1).padStart(5)}  ${model.temperature.toFixed(2)}\n`,
    );
  }
}
