/**
 * npm run bench — measures the offline classifier on one core against a
 * baseline measured in the same run (plain jieba segmentation of the same
 * texts), and the classifier's share of a start (bench/classifier-start.ts).
 * Results vary by machine; compare the ratio, not the absolute numbers.
 * Run with `node --expose-gc --import tsx bench/run.ts` for precise memory.
 */
import { existsSync } from "node:fs";
import { benchClassification } from "./classification.ts";
import { benchClassifierStart } from "./classifier-start.ts";

const PUBLIC_EXAMPLES = "/work/shared/routing/public-examples.jsonl";

const result = await benchClassification(existsSync(PUBLIC_EXAMPLES) ? PUBLIC_EXAMPLES : null);
const lines = [
  `texts classified          ${result.texts}`,
  `training at start         ${result.trainingMs.toFixed(0)} ms`,
  `offline classifier        ${Math.round(result.classificationsPerSecond)} classifications/s`,
  `baseline: jieba cut       ${Math.round(result.jiebaCutsPerSecond)} texts/s`,
  `ratio (classify / jieba)  ${result.ratioToJieba.toFixed(2)}`,
  `target 2,000/s as a ratio ${(2_000 / result.jiebaCutsPerSecond).toFixed(3)} (jieba here): ${
    result.classificationsPerSecond >= 2_000 ? "met" : "NOT met"
  } (x${(result.classificationsPerSecond / 2_000).toFixed(1)})`,
  `model memory (heap+ext)   ${result.modelMemoryMb.toFixed(1)} MB`,
  `process RSS               ${result.rssMb.toFixed(0)} MB`,
];
process.stdout.write(lines.join("\n") + "\n\n");

const start = await benchClassifierStart();
const ratio = (value: number, base: number) => `x${(value / base).toFixed(1)}`;
process.stdout.write(
  [
    "classifier at start (baselines: jieba dictionary load; a bare node+tsx process)",
    `baseline: jieba load          ${start.jiebaLoadMs.toFixed(0)} ms`,
    `train the model               ${start.trainMs.toFixed(0)} ms  ${ratio(start.trainMs, start.jiebaLoadMs)} jieba load`,
    `load it from the disk cache   ${start.loadFromCacheMs.toFixed(0)} ms  ${ratio(start.loadFromCacheMs, start.jiebaLoadMs)} jieba load`,
    `cache speed-up                ${ratio(start.trainMs, start.loadFromCacheMs)}`,
    `loaded model memory           ${start.modelMemoryMb.toFixed(1)} MB (heap+external)`,
    `baseline: bare node+tsx       ${start.bareProcessMs.toFixed(0)} ms`,
    `service start, no cache       ${start.serviceStartUncachedMs.toFixed(0)} ms  ${ratio(start.serviceStartUncachedMs, start.bareProcessMs)} bare process`,
    `service start, cached         ${start.serviceStartCachedMs.toFixed(0)} ms  ${ratio(start.serviceStartCachedMs, start.bareProcessMs)} bare process`,
  ].join("\n") + "\n",
);
