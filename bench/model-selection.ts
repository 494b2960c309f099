/**
 * node --import tsx bench/model-selection.ts [gold.jsonl …]
 *
 * How the offline model's training settings were chosen: each setting is
 * trained on the corpus and scored, with the keyword rules, on the team's own
 * dev sets (tuning sets written for that purpose; by default dev.jsonl) — never
 * on the held-out, outside or sealed sets.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
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
const files = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));

const directory = await loadDirectory();
const lines = await loadTrainingLines({ directory });
const sets = await Promise.all(
  (files.length > 0 ? files : [DEV]).map(async (file) => ({
    name: basename(file, ".jsonl"),
    gold: (await readFile(file, "utf8"))
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => GoldItemSchema.parse(JSON.parse(line))),
  })),
);
const segmenter = createDirectorySegmenter(directory);
const categories = directory.categories.map((c) => c.code);

const settings: Record<string, Partial<LogisticRegressionOptions>> = JSON.parse(
  process.env.SETTINGS ??
    JSON.stringify({
      default: {},
      "epochs 8": { epochs: 8 },
      "l2 3e-4": { l2: 3e-4 },
      "l2 3e-5": { l2: 3e-5 },
      "rate 1": { learningRate: 1 },
    }),
) as Record<string, Partial<LogisticRegressionOptions>>;

const pct = (value: number) => `${(value * 100).toFixed(1)}`.padStart(5);
process.stdout.write(`corpus ${lines.corpus.length}\n`);
process.stdout.write(
  `setting         T     train-s ${sets.map((set) => set.name.slice(0, 14).padStart(15)).join("")}\n`,
);
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
  const classifier = createOfflineClassifier({ directory, model, segmenter });
  const cells = sets.map(({ gold }) => {
    const report = scoreClassifications(
      gold,
      gold.map((item) => classifier.classifySync(item.text)),
      categories,
      1,
    );
    return `${pct(report.accuracy)}/${report.calibrationError.toFixed(3)}`.padStart(15);
  });
  process.stdout.write(
    `${name.padEnd(14)} ${model.temperature.toFixed(2)} ${seconds.toFixed(1).padStart(7)} ${cells.join("")}\n`,
  );
}
