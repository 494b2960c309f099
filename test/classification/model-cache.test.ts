/**
 * The start loads the trained classifier from a disk cache named by a hash of
 * corpus, calibration set, code and directory; anything else trains anew.
 */
import { cp, mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectedCalibrationError, fitTemperature } from "../../src/classification/calibration.ts";
import { DEFAULT_CORPUS_DIR } from "../../src/classification/corpus.ts";
import { deserializeModel, serializeModel } from "../../src/classification/model.ts";
import { loadOrTrainBaseModel } from "../../src/classification/model-cache.ts";
import { createOfflineClassifier } from "../../src/classification/offline-classifier.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import type { Directory } from "../../src/domain/directory.ts";
import { baseModel } from "../support/classifier-model.ts";

let directory: Directory;

beforeAll(async () => {
  directory = await loadDirectory();
});

describe("the trained model as data", () => {
  it("answers the same after a round trip through its bytes", async () => {
    const model = await baseModel();
    const again = deserializeModel(serializeModel(model));
    const [a, b] = [model, again].map((m) => createOfflineClassifier({ directory, model: m }));
    for (const text of ["井盖丢了", "The boss did not pay my wages", "樓道裡有煤氣味"]) {
      expect(b!.classifySync(text)).toEqual(a!.classifySync(text));
    }
    expect(() => deserializeModel(Buffer.from("not a model"))).toThrow();
  });

  it("is cached on disk: the second start loads it, a changed corpus trains anew, a model unused for a week is removed", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "classifier-cache-"));
    const corpusDir = await mkdtemp(join(tmpdir(), "classifier-corpus-"));
    await cp(DEFAULT_CORPUS_DIR, corpusDir, { recursive: true });
    const first = await loadOrTrainBaseModel({ directory, cacheDir, corpusDir });
    expect(first.fromCache).toBe(false);
    const second = await loadOrTrainBaseModel({ directory, cacheDir, corpusDir });
    expect(second.fromCache).toBe(true);
    expect(second.model.provenance.key).toBe(first.model.provenance.key);

    // Another checkout's model, just loaded, beside this one's, last loaded 8 days ago.
    const models = async () => (await readdir(cacheDir)).filter((f) => f.endsWith(".model"));
    const [own] = await models();
    const another = `base-${"0".repeat(24)}.model`;
    await writeFile(join(cacheDir, another), "another checkout's model");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3_600_000);
    await utimes(join(cacheDir, own!), eightDaysAgo, eightDaysAgo);
    await writeFile(
      join(corpusDir, "extra-local.jsonl"),
      JSON.stringify({ text: "绿皮车一个礼拜没来了", category: "municipal", region: null }) + "\n",
    );
    const third = await loadOrTrainBaseModel({ directory, cacheDir, corpusDir });
    expect(third.fromCache).toBe(false);
    expect(third.model.provenance.key).not.toBe(first.model.provenance.key);
    // Writing the new model removed the one unused for a week, not the one in use.
    expect((await models()).sort()).toEqual(
      [another, `base-${third.model.provenance.key.slice(0, 24)}.model`].sort(),
    );
  }, 120_000);
});

describe("calibration", () => {
  it("fits a temperature that softens overconfident logits", () => {
    // Logits that put 0.99 on the first label, right only half the time.
    const lines = Array.from({ length: 100 }, (_, i) => ({
      logits: Float64Array.from([5, 0]),
      gold: i % 2,
    }));
    const t = fitTemperature(lines);
    expect(t).toBeGreaterThan(10);
    expect(fitTemperature([])).toBe(1);
  });

  it("measures expected calibration error", () => {
    expect(expectedCalibrationError([])).toBe(0);
    const calibrated = Array.from({ length: 10 }, (_, i) => ({ confidence: 0.75, correct: i < 7 }));
    expect(expectedCalibrationError(calibrated)).toBeCloseTo(0.05, 5);
    const overconfident = Array.from({ length: 10 }, (_, i) => ({
      confidence: 0.95,
      correct: i < 5,
    }));
    expect(expectedCalibrationError(overconfident)).toBeCloseTo(0.45, 5);
  });
});
