import { z } from "zod";
import type { Classification } from "../domain/classification.ts";

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
    const kind = kinds.get(item.kind ?? "-") ?? { items: 0, correct: 0 };
    kind.items++;
    if (hit) kind.correct++;
    kinds.set(item.kind ?? "-", kind);
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
    byKind: Object.fromEntries(
      [...kinds].map(([kind, k]) => [kind, { items: k.items, accuracy: k.correct / k.items }]),
    ),
    classificationsPerSecond: seconds > 0 ? items.length / seconds : Number.POSITIVE_INFINITY,
    errors,
  };
}

/** A human-readable report (no complaint texts: ids only). */
export function formatReport(report: EvaluationReport, maxConfusions = 10): string {
  const pct = (value: number) => (Number.isNaN(value) ? "n/a" : `${(value * 100).toFixed(1)}%`);
  const lines = [
    `items            ${report.items}`,
    `accuracy (top-1) ${pct(report.accuracy)}`,
    `top-3 accuracy   ${pct(report.top3Accuracy)}`,
    `macro-F1         ${report.macroF1.toFixed(3)}`,
    `region accuracy  ${pct(report.regionAccuracy)} of ${report.regionKnownItems} items with a known region`,
    `wrong region     ${pct(report.wrongRegionRate)} of ${report.regionNullItems} items whose region is null`,
    `speed            ${Math.round(report.classificationsPerSecond)} classifications/s`,
    "",
    "by kind:",
    ...Object.entries(report.byKind).map(
      ([kind, k]) => `  ${kind.padEnd(16)} ${String(k.items).padStart(4)}  ${pct(k.accuracy)}`,
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
