/**
 * npm run eval -- [file.jsonl …] [--llm] [--json]
 *
 * Lines: {"id","text","category","region"} (+ optional "kind"). Without files:
 * the held-out set, the team's two dev sets, and the outside set when present
 * (EVALUATION_SETS). For each set: accuracy, top-3, macro-F1, calibration
 * error, the unsure share, per-category precision/recall, the most frequent
 * confusions, region accuracy, per kind and per detected language, then the
 * ids of the errors (never the texts). --llm runs the same sets through the
 * configured LLM (LLM_*) too and prints both side by side with their agreement.
 * --json prints the reports as JSON.
 */
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Classification } from "../domain/classification.ts";
import {
  agreement,
  formatReport,
  formatSideBySide,
  GoldItemSchema,
  scoreClassifications,
  type GoldItem,
} from "../classification/evaluation.ts";
import { EVALUATION_SETS } from "../classification/evaluation-sets.ts";
import { readInput, setUpClassification, splitLines } from "./classification-setup.ts";

async function main(argv: string[]): Promise<void> {
  const useLlm = argv.includes("--llm");
  const asJson = argv.includes("--json");
  const given = argv.filter((arg) => !arg.startsWith("--"));
  const files = given.length > 0 ? given : EVALUATION_SETS.filter((file) => existsSync(file));
  const { directory, service } = await setUpClassification(process.env, !useLlm);
  if (useLlm && !service.llm)
    throw new Error("--llm needs LLM_BASE_URL, LLM_API_KEY and LLM_MODEL");
  const categories = directory.categories.map((c) => c.code);
  const out: unknown[] = [];
  for (const file of files) {
    const items = await readGold(file);
    const offline: Classification[] = [];
    let started = performance.now();
    for (const item of items) offline.push(service.offline.classifySync(item.text));
    const offlineReport = scoreClassifications(
      items,
      offline,
      categories,
      (performance.now() - started) / 1000,
    );
    if (!useLlm) {
      if (asJson) out.push({ file, offline: offlineReport });
      else process.stdout.write(`== ${file}\n${formatReport(offlineReport)}\n\n`);
      continue;
    }
    const llm: Classification[] = [];
    let failures = 0;
    started = performance.now();
    for (const item of items) {
      const pair = await service.classifyBoth(item.text);
      if (!pair.llm) failures++;
      llm.push(pair.final);
    }
    const llmReport = scoreClassifications(
      items,
      llm,
      categories,
      (performance.now() - started) / 1000,
    );
    const agreed = agreement(offline, llm);
    if (asJson)
      out.push({ file, offline: offlineReport, llm: llmReport, agreement: agreed, failures });
    else {
      process.stdout.write(
        `== ${file} (${items.length} items)\n${formatSideBySide(["offline", "LLM"], [offlineReport, llmReport], agreed, failures)}\n\n`,
      );
    }
  }
  if (asJson) process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

async function readGold(file: string): Promise<GoldItem[]> {
  const items: GoldItem[] = [];
  for (const [i, line] of splitLines(await readInput(file)).entries()) {
    if (line.trim() === "") continue;
    const parsed = GoldItemSchema.safeParse(safeJson(line));
    if (parsed.success) items.push(parsed.data);
    else process.stderr.write(`eval: ${file} line ${i + 1} skipped (not a gold item)\n`);
  }
  return items;
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
