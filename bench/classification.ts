import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { loadTrainingLines } from "../src/classification/model-cache.ts";
import { createOfflineClassifier } from "../src/classification/offline-classifier.ts";
import { createSegmenter } from "../src/classification/text-features.ts";
import { trainModel } from "../src/classification/train-model.ts";
import { loadDirectory } from "../src/directory/load-directory.ts";

export interface ClassificationBench {
  readonly texts: number;
  readonly trainingMs: number;
  /** Offline classifications per second (one core, sequential). */
  readonly classificationsPerSecond: number;
  /** Baseline measured in the same run: plain jieba segmentation of the same texts. */
  readonly jiebaCutsPerSecond: number;
  /** classificationsPerSecond / jiebaCutsPerSecond. */
  readonly ratioToJieba: number;
  /** Heap and external memory added by loading and training the model, in MB. */
  readonly modelMemoryMb: number;
  readonly rssMb: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Measures the offline classifier against plain jieba segmentation of the same texts. */
export async function benchClassification(
  publicExamples: string | null,
): Promise<ClassificationBench> {
  const directory = await loadDirectory();
  const lines = await loadTrainingLines({ directory });
  const texts = lines.corpus.map((item) => item.text);
  if (publicExamples) {
    for (const line of (await readFile(publicExamples, "utf8")).split("\n")) {
      if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  const jieba = createSegmenter();

  gc();
  const before = process.memoryUsage();
  const trainStart = performance.now();
  const classifier = createOfflineClassifier({
    directory,
    model: trainModel({ directory, ...lines, key: "bench" }),
  });
  const trainingMs = performance.now() - trainStart;
  gc();
  const after = process.memoryUsage();

  const rounds = Math.max(1, Math.ceil(5_000 / texts.length));
  // warm-up
  for (const text of texts.slice(0, 200)) {
    classifier.classifySync(text);
    jieba.cut(text, false);
  }
  let start = performance.now();
  let sink = 0;
  for (let r = 0; r < rounds; r++) for (const text of texts) sink += jieba.cut(text, false).length;
  const jiebaSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) sink += classifier.classifySync(text).alternatives.length;
  }
  const classifySeconds = (performance.now() - start) / 1000;
  if (sink < 0) throw new Error("unreachable");

  const n = rounds * texts.length;
  const classificationsPerSecond = n / classifySeconds;
  const jiebaCutsPerSecond = n / jiebaSeconds;
  return {
    texts: n,
    trainingMs,
    classificationsPerSecond,
    jiebaCutsPerSecond,
    ratioToJieba: classificationsPerSecond / jiebaCutsPerSecond,
    modelMemoryMb:
      (after.heapUsed + after.external - before.heapUsed - before.external) / 1024 / 1024,
    rssMb: after.rss / 1024 / 1024,
  };
}
