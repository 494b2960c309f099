/**
 * node --import tsx bench/sealed-aggregates.ts <set.jsonl> …
 *
 * Measures sets that must never be read (the outside and sealed sets) and prints aggregates only:
 * for the whole set and for each `kind` slice, top-1, top-3, macro-F1 and calibration error.
 * No line, id, text or confusion is printed, so a round can measure a sealed set without seeing
 * any of its errors (`npm run eval` prints the ids of the errors).
 */
import { readFile } from "node:fs/promises";
import { GoldItemSchema, scoreClassifications } from "../src/classification/evaluation.ts";
import { setUpClassification, splitLines } from "../src/cli/classification-setup.ts";

const { directory, service } = await setUpClassification(process.env, true);
const categories = directory.categories.map((c) => c.code);
const pct = (share: number): string => `${(share * 100).toFixed(1)} %`;
for (const file of process.argv.slice(2)) {
  const items = splitLines(await readFile(file, "utf8"))
    .filter((line) => line.trim() !== "")
    .map((line) => GoldItemSchema.parse(JSON.parse(line)));
  const predictions = items.map((item) => service.offline.classifySync(item.text));
  const slices = new Map<string, number[]>([["all", items.map((_, i) => i)]]);
  items.forEach((item, i) => {
    const kind = item.kind ?? "-";
    slices.set(kind, [...(slices.get(kind) ?? []), i]);
  });
  process.stdout.write(`== ${file.split("/").pop()}\n`);
  for (const [slice, indices] of slices) {
    const report = scoreClassifications(
      indices.map((i) => items[i]!),
      indices.map((i) => predictions[i]!),
      categories,
      0,
    );
    process.stdout.write(
      `  ${slice.padEnd(12)} n=${String(report.items).padStart(4)}  top-1 ${pct(report.accuracy)}  top-3 ${pct(report.top3Accuracy)}  macro-F1 ${report.macroF1.toFixed(3)}  ECE ${report.calibrationError.toFixed(3)}\n`,
    );
  }
}
