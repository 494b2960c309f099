/**
 * npm run retrain [-- --json]
 *
 * Retrains the offline classifier from the corpus plus every case a clerk
 * routed (DATABASE_URL), judges it against the model in service on the
 * held-out sets (test/classification/heldout.jsonl and, when present,
 * outside.jsonl), and puts it in service only when it is not worse on any of
 * them. Prints the figures of both models per set and the verdict (--json: one
 * JSON object). A running service picks the new model up at its next check
 * (CLASSIFIER_RETRAIN_HOURS) or restart.
 */
import { GATE_SETS } from "../classification/evaluation-sets.ts";
import { modelInService } from "../classification/model-in-service.ts";
import { loadGateSets, retrain, type RetrainOutcome } from "../classification/retrain.ts";
import { ConfigError, loadConfig } from "../config/config.ts";
import { loadDirectory } from "../directory/load-directory.ts";
import { isAppError } from "../errors.ts";
import { createClassifierModelStore } from "../storage/classifier-models.ts";
import { openDatabase } from "../storage/database.ts";
import { migrateIfNeeded } from "../storage/migrate.ts";

async function main(argv: string[]): Promise<void> {
  const config = loadConfig(process.env);
  const directory = await loadDirectory(config.directoryFile);
  await migrateIfNeeded(config.database);
  const db = await openDatabase(config.database);
  try {
    const store = createClassifierModelStore(db);
    const served = await modelInService({
      directory,
      store,
      cacheDir: config.classifier.cacheDir,
    });
    const outcome = await retrain({
      directory,
      store,
      current: served.model,
      gateSets: await loadGateSets(GATE_SETS),
      now: new Date(),
    });
    process.stdout.write(
      (argv.includes("--json") ? JSON.stringify(summary(outcome)) : describe(outcome)) + "\n",
    );
  } finally {
    await db.$disconnect();
  }
}

function summary(outcome: RetrainOutcome) {
  if (outcome.result === "unchanged") return outcome;
  return {
    result: outcome.result,
    modelId: outcome.record.id,
    verdict: outcome.record.verdict,
    figures: outcome.figures,
  };
}

function describe(outcome: RetrainOutcome): string {
  if (outcome.result === "unchanged") {
    return `nothing new to learn (${outcome.learned} routed cases): the model in service was trained on the same data`;
  }
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `learned from ${outcome.figures.learned} routed cases (${outcome.figures.corrected} corrected by clerks)`,
    "set                 model       top-1   top-3  macro-F1   ECE",
  ];
  for (const [name, { current, candidate }] of Object.entries(outcome.figures.sets)) {
    for (const [label, f] of [
      ["in service", current],
      ["retrained", candidate],
    ] as const) {
      lines.push(
        `${name.padEnd(19)} ${label.padEnd(10)} ${pct(f.accuracy).padStart(6)}  ${pct(f.top3Accuracy).padStart(6)}  ${f.macroF1.toFixed(3)}   ${f.calibrationError.toFixed(3)}`,
      );
    }
  }
  lines.push(`model ${outcome.record.id}: ${outcome.record.verdict}`);
  return lines.join("\n");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof ConfigError || isAppError(error);
  process.stderr.write(`retrain: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
