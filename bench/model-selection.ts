/**
 * node --import tsx bench/model-selection.ts
 *
 * How the offline model was chosen: 5-fold cross-validation on the training
 * corpus, and the public examples, for several feature sets and models, with
 * and without the keyword rules. Never touches the held-out set.
 */
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { loadCorpus, type CorpusItem } from "../src/classification/corpus.ts";
import {
  createOfflineClassifier,
  type OfflineClassifierOptions,
} from "../src/classification/offline-classifier.ts";
import { KEYWORD_RULES } from "../src/classification/keyword-rules.ts";
import { createSegmenter } from "../src/classification/text-features.ts";
import { loadDirectory } from "../src/directory/load-directory.ts";

const PUBLIC_EXAMPLES = "/work/shared/routing/public-examples.jsonl";

const directory = await loadDirectory();
const corpus = await loadCorpus();
const publicItems = (await readFile(PUBLIC_EXAMPLES, "utf8"))
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as CorpusItem);
const segmenter = createSegmenter(
  directory.regions.flatMap((region) => [...region.names, ...region.towns]),
);

const configs: Record<string, Partial<OfflineClassifierOptions>> = {
  "LR char1-3": { features: { charNgrams: [1, 2, 3], words: false } },
  "LR char1-3+words": { features: { charNgrams: [1, 2, 3], words: true } },
  "LR char2-3+words": { features: { charNgrams: [2, 3], words: true } },
  "LR char1-2": { features: { charNgrams: [1, 2], words: false } },
  "LR words": { features: { charNgrams: [], words: true } },
  "NB char1-3": { model: "naive_bayes", features: { charNgrams: [1, 2, 3], words: false } },
  "NB char1-3+words": { model: "naive_bayes", features: { charNgrams: [1, 2, 3], words: true } },
};

function accuracy(
  train: readonly CorpusItem[],
  test: readonly CorpusItem[],
  options: Partial<OfflineClassifierOptions>,
) {
  const classifier = createOfflineClassifier({ directory, corpus: train, segmenter, options });
  let top1 = 0;
  let top3 = 0;
  for (const item of test) {
    const result = classifier.classifySync(item.text);
    if (result.category === item.category) top1++;
    if (result.alternatives.some((a) => a.category === item.category)) top3++;
  }
  return { top1: top1 / test.length, top3: top3 / test.length };
}

const folds = 5;
const indexed = corpus.map((item, i) => ({ item, fold: i % folds }));
const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
process.stdout.write(`corpus ${corpus.length} items; public examples ${publicItems.length}\n`);
process.stdout.write(
  "config                    rules  cv-top1 cv-top3  pub-top1 pub-top3  pub-ms\n",
);
for (const [name, base] of Object.entries(configs)) {
  for (const rules of [false, true]) {
    const options = { ...base, rules: rules ? KEYWORD_RULES : [] };
    let cv1 = 0;
    let cv3 = 0;
    for (let fold = 0; fold < folds; fold++) {
      const train = indexed.filter((x) => x.fold !== fold).map((x) => x.item);
      const test = indexed.filter((x) => x.fold === fold).map((x) => x.item);
      const result = accuracy(train, test, options);
      cv1 += result.top1 / folds;
      cv3 += result.top3 / folds;
    }
    const started = performance.now();
    const pub = accuracy(corpus, publicItems, options);
    const ms = performance.now() - started;
    process.stdout.write(
      `${name.padEnd(25)} ${rules ? "yes" : "no "}   ${pct(cv1)}  ${pct(cv3)}   ${pct(pub.top1)}  ${pct(pub.top3)}   ${ms.toFixed(0)}\n`,
    );
  }
}
