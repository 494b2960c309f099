/**
 * npm run eval -- <file.jsonl> [--llm] [--json]
 *
 * Lines: {"id","text","category","region"} (+ optional "kind"). Prints
 * accuracy, top-3 accuracy, macro-F1, per-category precision/recall, the most
 * frequent confusions, region accuracy on items with a known region, the
 * wrong-region rate on items whose region is null, and classifications per
 * second; then the ids of the errors (never the texts). Offline classifier
 * unless --llm (which needs LLM_*). --json prints the report as JSON.
 */
import { performance } from "node:perf_hooks";
import type { Classification } from "../domain/classification.ts";
import {
  formatReport,
  GoldItemSchema,
  scoreClassifications,
} from "../classification/evaluation.ts";
import { readInput, setUpClassification, splitLines } from "./classification-setup.ts";

async function main(argv: string[]): Promise<void> {
  const useLlm = argv.includes("--llm");
  const file = argv.find((arg) => !arg.startsWith("--"));
  if (!file) throw new Error("usage: npm run eval -- <file.jsonl> [--llm] [--json]");
  const source = await readInput(file);
  const items = [];
  for (const [i, line] of splitLines(source).entries()) {
    if (line.trim() === "") continue;
    const parsed = GoldItemSchema.safeParse(safeJson(line));
    if (parsed.success) items.push(parsed.data);
    else process.stderr.write(`eval: line ${i + 1} skipped (not a gold item)\n`);
  }
  const { directory, service } = await setUpClassification(process.env, !useLlm);
  const predictions: Classification[] = [];
  const started = performance.now();
  for (const item of items) predictions.push(await service.classifier.classify(item.text));
  const seconds = (performance.now() - started) / 1000;
  const report = scoreClassifications(
    items,
    predictions,
    directory.categories.map((c) => c.code),
    seconds,
  );
  process.stdout.write(
    (argv.includes("--json") ? JSON.stringify(report, null, 2) : formatReport(report)) + "\n",
  );
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
