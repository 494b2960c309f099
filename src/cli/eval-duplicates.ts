/**
 * npm run --silent eval:duplicates -- [pairs.jsonl] [--errors]
 *
 * Measures the duplicate scorer on labelled pairs (default: the measurement set
 * test/places/duplicate-pairs.jsonl; see its README): precision, recall and F1
 * overall and per kind, flagging a pair when the verdict is "likely". `--errors`
 * lists the pairs it got wrong — for the developer's own pairs
 * (test/places/dev-pairs.jsonl) only: looking at the measurement set's errors is tuning on it.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadDirectory } from "../directory/load-directory.ts";
import { loadDuplicateScorer } from "../classification/duplicate-scorer.ts";
import { DEFAULT_DUPLICATE_SETTINGS, type DuplicateFacts } from "../domain/places/duplicates.ts";

const MEASUREMENT_SET = fileURLToPath(
  new URL("../../test/places/duplicate-pairs.jsonl", import.meta.url),
);

const CaseSchema = z.object({
  text: z.string(),
  category: z.string().nullable(),
  region: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  submittedAt: z.iso.datetime({ offset: true }),
  citizen: z.string(),
});
const PairSchema = z.object({
  id: z.string(),
  a: CaseSchema,
  b: CaseSchema,
  duplicate: z.boolean(),
  kind: z.string(),
});
type LabelledCase = z.infer<typeof CaseSchema>;

function facts(c: LabelledCase): DuplicateFacts {
  return {
    text: c.text,
    category: c.category,
    region: c.region,
    address: c.address,
    point: c.lat !== null && c.lng !== null ? { latitude: c.lat, longitude: c.lng } : null,
    submittedAt: new Date(c.submittedAt),
    citizen: c.citizen,
  };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function figures({ tp, fp, fn }: Tally) {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? null
      : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)} %`);

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { errors: { type: "boolean", default: false } },
  });
  const file = positionals[0] ?? MEASUREMENT_SET;
  const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim() !== "");
  const pairs = lines.map((line, i) => {
    const parsed = PairSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  });
  const scorer = await loadDuplicateScorer(await loadDirectory());

  const all: Tally = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const byKind = new Map<string, Tally>();
  const wrong: string[] = [];
  for (const pair of pairs) {
    const result = scorer.compare(scorer.prepare(facts(pair.a)), scorer.prepare(facts(pair.b)));
    const flagged = result.verdict === "likely";
    const tally = byKind.get(pair.kind) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    byKind.set(pair.kind, tally);
    const cell = flagged ? (pair.duplicate ? "tp" : "fp") : pair.duplicate ? "fn" : "tn";
    tally[cell]++;
    all[cell]++;
    if (cell === "fp" || cell === "fn") {
      wrong.push(`${pair.id} ${cell} ${pair.kind} ${JSON.stringify(result)}`);
    }
  }

  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  const out: string[] = [
    `pairs: ${file} (${pairs.length}, ${all.tp + all.fn} duplicates)`,
    `commit: ${commit}; settings: ${JSON.stringify(DEFAULT_DUPLICATE_SETTINGS)}; flagged when the verdict is "likely"`,
    "",
    "| kind | pairs | duplicates | flagged | precision | recall | F1 | false flags |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const row = (kind: string, t: Tally) => {
    const { precision, recall, f1 } = figures(t);
    const negatives = t.fp + t.tn;
    const falseFlags = negatives === 0 ? "—" : `${t.fp}/${negatives}`;
    out.push(
      `| ${kind} | ${t.tp + t.fp + t.fn + t.tn} | ${t.tp + t.fn} | ${t.tp + t.fp} | ${percent(precision)} | ${percent(recall)} | ${f1 === null ? "—" : f1.toFixed(3)} | ${falseFlags} |`,
    );
  };
  for (const [kind, tally] of [...byKind].sort(([a], [b]) => (a < b ? -1 : 1))) row(kind, tally);
  row("**all**", all);
  if (values.errors) out.push("", ...wrong);
  process.stdout.write(`${out.join("\n")}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
