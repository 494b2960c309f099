import { z } from "zod";
import type { Classification } from "../domain/classification.ts";
import { expectedCalibrationError } from "./calibration.ts";

export const GoldItemSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  category: z.string(),
  region: z.string().nullable(),
  kind: z.string().optional(),
});
export type GoldItem = z.infer<typeof GoldItemSchema>;

export interface CategoryMetrics {
  readonly category: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface EvaluationReport {
  readonly items: number;
  readonly accuracy: number;
  readonly top3Accuracy: number;
  readonly macroF1: number;
  readonly perCategory: readonly CategoryMetrics[];
  /** Most frequent (gold → predicted) confusions, most frequent first. */
  readonly confusions: readonly { gold: string; predicted: string; count: number }[];
  /** Share of items with a known gold region whose region was found exactly (NaN when none). */
  readonly regionAccuracy: number;
  readonly regionKnownItems: number;
  /** Share of items whose gold region is null that got a non-null region. */
  readonly wrongRegionRate: number;
  readonly regionNullItems: number;
  /** Accuracy per `kind` of item (plain, hard, …). */
  readonly byKind: Readonly<Record<string, { items: number; accuracy: number }>>;
  /** Accuracy per detected language (zh, zh_hant, en, pinyin, unknown). */
  readonly byLanguage: Readonly<Record<string, { items: number; accuracy: number }>>;
  /** Expected calibration error of the top-1 confidence (10 bins). */
  readonly calibrationError: number;
  /** Share of answers flagged unsure, and the accuracy of the others and of those. */
  readonly unsureRate: number;
  readonly accuracyWhenSure: number;
  readonly accuracyWhenUnsure: number;
  readonly classificationsPerSecond: number;
  readonly errors: readonly {
    id: string;
    gold: string;
    predicted: string;
    goldRegion: string | null;
    region: string | null;
  }[];
}

/** Scores predictions against gold items (same order, same length). Pure. */
export function scoreClassifications(
  items: readonly GoldItem[],
  predictions: readonly Classification[],
  categories: readonly string[],
  seconds: number,
): EvaluationReport {
  let correct = 0;
  let top3 = 0;
  let regionKnown = 0;
  let regionRight = 0;
  let regionNull = 0;
  let regionWrong = 0;
  const confusions = new Map<string, number>();
  const tp = new Map<string, number>();
  const predicted = new Map<string, number>();
  const gold = new Map<string, number>();
  const kinds = new Map<string, { items: number; correct: number }>();
  const languages = new Map<string, { items: number; correct: number }>();
  const sure = { items: 0, correct: 0 };
  const unsure = { items: 0, correct: 0 };
  const errors: EvaluationReport["errors"][number][] = [];
  items.forEach((item, i) => {
    const prediction = predictions[i]!;
    const hit = prediction.category === item.category;
    if (hit) {
      correct++;
      tp.set(item.category, (tp.get(item.category) ?? 0) + 1);
    } else {
      const key = `${item.category}→${prediction.category}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (prediction.alternatives.slice(0, 3).some((a) => a.category === item.category)) top3++;
    predicted.set(prediction.category, (predicted.get(prediction.category) ?? 0) + 1);
    gold.set(item.category, (gold.get(item.category) ?? 0) + 1);
    if (item.region === null) {
      regionNull++;
      if (prediction.region !== null) regionWrong++;
    } else {
      regionKnown++;
      if (prediction.region === item.region) regionRight++;
    }
    count(kinds, item.kind ?? "-", hit);
    count(languages, prediction.language, hit);
    const bucket = prediction.unsure ? unsure : sure;
    bucket.items++;
    if (hit) bucket.correct++;
    if (!hit || prediction.region !== item.region) {
      errors.push({
        id: item.id,
        gold: item.category,
        predicted: prediction.category,
        goldRegion: item.region,
        region: prediction.region,
      });
    }
  });
  const perCategory = categories
    .filter((category) => gold.has(category) || predicted.has(category))
    .map((category) => {
      const t = tp.get(category) ?? 0;
      const precision = t / (predicted.get(category) || 1);
      const recall = t / (gold.get(category) || 1);
      const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      return { category, support: gold.get(category) ?? 0, precision, recall, f1 };
    });
  const withSupport = perCategory.filter((metrics) => metrics.support > 0);
  return {
    items: items.length,
    accuracy: correct / (items.length || 1),
    top3Accuracy: top3 / (items.length || 1),
    macroF1: withSupport.reduce((sum, m) => sum + m.f1, 0) / (withSupport.length || 1),
    perCategory,
    confusions: [...confusions]
      .map(([key, count]) => {
        const [g, p] = key.split("→") as [string, string];
        return { gold: g, predicted: p, count };
      })
      .sort((a, b) => b.count - a.count || (a.gold + a.predicted < b.gold + b.predicted ? -1 : 1)),
    regionAccuracy: regionKnown ? regionRight / regionKnown : Number.NaN,
    regionKnownItems: regionKnown,
    wrongRegionRate: regionNull ? regionWrong / regionNull : 0,
    regionNullItems: regionNull,
    byKind: shares(kinds),
    byLanguage: shares(languages),
    calibrationError: expectedCalibrationError(
      predictions.map((prediction, i) => ({
        confidence: prediction.confidence,
        correct: prediction.category === items[i]!.category,
      })),
    ),
    unsureRate: unsure.items / (items.length || 1),
    accuracyWhenSure: sure.items ? sure.correct / sure.items : Number.NaN,
    accuracyWhenUnsure: unsure.items ? unsure.correct / unsure.items : Number.NaN,
    classificationsPerSecond: seconds > 0 ? items.length / seconds : Number.POSITIVE_INFINITY,
    errors,
  };
}

function count(
  tally: Map<string, { items: number; correct: number }>,
  key: string,
  hit: boolean,
): void {
  const entry = tally.get(key) ?? { items: 0, correct: 0 };
  entry.items++;
  if (hit) entry.correct++;
  tally.set(key, entry);
}

function shares(
  tally: Map<string, { items: number; correct: number }>,
): Record<string, { items: number; accuracy: number }> {
  return Object.fromEntries(
    [...tally].map(([key, k]) => [key, { items: k.items, accuracy: k.correct / k.items }]),
  );
}

/** Share of items on which two classifiers give the same category. */
export function agreement(a: readonly Classification[], b: readonly Classification[]): number {
  let same = 0;
  a.forEach((answer, i) => {
    if (answer.category === b[i]?.category) same++;
  });
  return same / (a.length || 1);
}

const pct = (value: number) => (Number.isNaN(value) ? "n/a" : `${(value * 100).toFixed(1)}%`);

/** Two reports of the same items side by side (offline and LLM), with their agreement. */
export function formatSideBySide(
  names: readonly [string, string],
  reports: readonly [EvaluationReport, EvaluationReport],
  agreed: number,
  failures: number,
): string {
  const [a, b] = reports;
  const row = (label: string, left: string, right: string) =>
    `${label.padEnd(26)} ${left.padStart(9)}  ${right.padStart(9)}`;
  const figure = (label: string, value: (report: EvaluationReport) => number, fixed = false) =>
    row(
      label,
      fixed ? value(a).toFixed(3) : pct(value(a)),
      fixed ? value(b).toFixed(3) : pct(value(b)),
    );
  const kinds = [...new Set([...Object.keys(a.byKind), ...Object.keys(b.byKind)])].sort();
  return [
    row("", names[0], names[1]),
    figure("top-1 category", (r) => r.accuracy),
    figure("top-3 category", (r) => r.top3Accuracy),
    figure("macro-F1", (r) => r.macroF1, true),
    figure("calibration error (ECE)", (r) => r.calibrationError, true),
    figure("unsure", (r) => r.unsureRate),
    figure("region right when named", (r) => r.regionAccuracy),
    figure("wrong region when not", (r) => r.wrongRegionRate),
    row(
      "classifications/s",
      String(Math.round(a.classificationsPerSecond)),
      String(Math.round(b.classificationsPerSecond)),
    ),
    ...kinds.map((kind) =>
      row(
        `  kind ${kind}`,
        pct(a.byKind[kind]?.accuracy ?? Number.NaN),
        pct(b.byKind[kind]?.accuracy ?? Number.NaN),
      ),
    ),
    ...a.perCategory.map((m) =>
      row(
        `  F1 ${m.category}`,
        m.f1.toFixed(3),
        (b.perCategory.find((x) => x.category === m.category)?.f1 ?? 0).toFixed(3),
      ),
    ),
    `agreement (same category)  ${pct(agreed)}`,
    `${names[1]} failures (offline answer used)  ${failures}`,
  ].join("\n");
}

/** A human-readable report (no complaint texts: ids only). */
export function formatReport(report: EvaluationReport, maxConfusions = 10): string {
  const lines = [
    `items            ${report.items}`,
    `accuracy (top-1) ${pct(report.accuracy)}`,
    `top-3 accuracy   ${pct(report.top3Accuracy)}`,
    `macro-F1         ${report.macroF1.toFixed(3)}`,
    `region accuracy  ${pct(report.regionAccuracy)} of ${report.regionKnownItems} items with a known region`,
    `wrong region     ${pct(report.wrongRegionRate)} of ${report.regionNullItems} items whose region is null`,
    `calibration      ECE ${report.calibrationError.toFixed(3)} (10 bins, top-1 confidence)`,
    `unsure           ${pct(report.unsureRate)} of answers; right when sure ${pct(report.accuracyWhenSure)}, when unsure ${pct(report.accuracyWhenUnsure)}`,
    `speed            ${Math.round(report.classificationsPerSecond)} classifications/s`,
    "",
    "by kind:",
    ...Object.entries(report.byKind).map(
      ([kind, k]) => `  ${kind.padEnd(16)} ${String(k.items).padStart(4)}  ${pct(k.accuracy)}`,
    ),
    "by detected language:",
    ...Object.entries(report.byLanguage).map(
      ([language, k]) =>
        `  ${language.padEnd(16)} ${String(k.items).padStart(4)}  ${pct(k.accuracy)}`,
    ),
    "",
    "category          support  precision  recall   F1",
    ...report.perCategory.map(
      (m) =>
        `  ${m.category.padEnd(16)} ${String(m.support).padStart(4)}   ${pct(m.precision).padStart(7)}  ${pct(m.recall).padStart(7)}  ${m.f1.toFixed(3)}`,
    ),
    "",
    "most frequent confusions (gold → predicted):",
    ...report.confusions
      .slice(0, maxConfusions)
      .map((c) => `  ${String(c.count).padStart(3)}  ${c.gold} → ${c.predicted}`),
    "",
    "errors (id: gold/region → predicted/region):",
    ...report.errors.map(
      (e) =>
        `  ${e.id}: ${e.gold}/${e.goldRegion ?? "null"} → ${e.predicted}/${e.region ?? "null"}`,
    ),
  ];
  return lines.join("\n");
}
