/**
 * The scheduled retraining on several instances (PostgreSQL): the instance that
 * does not hold the lease does not train, and serves the model another one put
 * in service; administrators see it.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClassifierOverview } from "../../src/classification/classifier-overview.ts";
import { createClassificationService } from "../../src/classification/create-classification.ts";
import {
  deserializeModel,
  serializeModel,
  type ModelArtifact,
} from "../../src/classification/model.ts";
import { createRetrainJob } from "../../src/classification/retrain-job.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import type { Directory } from "../../src/domain/directory.ts";
import { createClassifierModelStore } from "../../src/storage/classifier-models.ts";
import type { Db } from "../../src/storage/database.ts";
import { createLeaseStore } from "../../src/storage/leases.ts";
import { baseModel } from "../support/classifier-model.ts";
import { MovableClock } from "../support/clock.ts";
import { freshDatabase } from "../support/databases.ts";

let db: Db;
let directory: Directory;
let base: ModelArtifact;

beforeAll(async () => {
  [db, directory, base] = await Promise.all([
    freshDatabase("postgres"),
    loadDirectory(),
    baseModel(),
  ]);
});
afterAll(async () => {
  await db.$disconnect();
});

// Serializing and decoding the whole model takes seconds of CPU: more than 20 s on a loaded machine.
describe("the scheduled retraining", { timeout: 60_000 }, () => {
  it("serves the model another instance put in service, without training itself", async () => {
    const clock = new MovableClock();
    const store = createClassifierModelStore(db);
    const service = await createClassificationService({ directory, model: base, llm: null });
    const overview = createClassifierOverview({ service, store, unsureBelow: 0.6 });
    expect((await overview.overview()).serving.source).toBe("base");

    // Another instance retrained (a model told apart by its key and temperature).
    const retrained: ModelArtifact = deserializeModel(serializeModel(base));
    const other = {
      ...retrained,
      temperature: retrained.temperature * 2,
      provenance: { ...retrained.provenance, key: "retrained-elsewhere", learnedItems: 12 },
    };
    const record = await store.putInService({
      trainingKey: "retrained-elsewhere",
      corpusItems: other.provenance.corpusItems,
      learnedItems: 12,
      learnedUntil: clock.now(),
      figures: { note: "judged elsewhere" },
      verdict: "in service: not worse on heldout.jsonl",
      artifact: serializeModel(other),
    });
    // …and still holds the lease: this instance must not start a retraining of its own.
    const leases = createLeaseStore(db);
    expect(
      await leases.acquireLease(
        "classifier-retrain",
        "other-instance",
        clock.now().getTime(),
        60_000,
      ),
    ).toBe(true);

    const job = createRetrainJob({
      store,
      service,
      leases,
      clock,
      logger: pino({ level: "silent" }),
      intervalMs: 3_600_000,
      servingId: null,
      env: {},
    });
    await job.runOnce();

    expect(service.offline.model.provenance.key).toBe("retrained-elsewhere");
    expect(service.offline.model.temperature).toBeCloseTo(base.temperature * 2, 5);
    const seen = await overview.overview();
    expect(seen.serving).toMatchObject({
      source: "retrained",
      modelId: record.id,
      learnedItems: 12,
    });
    expect(seen.history[0]).toMatchObject({ id: record.id, status: "in_service" });
  });
});
