/**
 * Learning from clerks: every case a clerk routes is a labelled example; a
 * retrained model goes into service only when it is not worse on the held-out
 * sets, and its figures are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClassificationService } from "../../src/classification/create-classification.ts";
import { GoldItemSchema } from "../../src/classification/evaluation.ts";
import { learnedExample } from "../../src/classification/learning.ts";
import { modelInService } from "../../src/classification/model-in-service.ts";
import type { ModelArtifact } from "../../src/classification/model.ts";
import { createOfflineClassifier } from "../../src/classification/offline-classifier.ts";
import { loadGateSets, retrain, type GateSet } from "../../src/classification/retrain.ts";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { createClassifierModelStore } from "../../src/storage/classifier-models.ts";
import { TEST_CLASSIFIER_CACHE } from "../support/classifier-cache.ts";
import { baseModel } from "../support/classifier-model.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const PUBLIC_EXAMPLES = new URL("./public-examples.jsonl", import.meta.url).pathname;

// In one town, citizens call the rubbish truck 绿皮车 ("the green truck"): the base model
// takes it for a bus or coach (transport). Clerks route these cases to urban management.
const GREEN_TRUCK_CASES = [
  "绿皮车一个多礼拜没到俺们巷子里来了",
  "俺这条街的绿皮车老是不按点来",
  "绿皮车又没来，门口都堆满了",
  "咱庄上的绿皮车半个月才来一趟",
  "绿皮车来了也不停，直接开过去了",
  "绿皮车好几天不来了，啥时候来",
  "这个月绿皮车就来了两回",
  "俺们小区后门的绿皮车一直不来收",
  "绿皮车不来，天热都生蛆了",
  "能不能让绿皮车每天来一趟",
  "绿皮车停在路口不走，也不收",
  "绿皮车司机说俺这条街不归他管",
];
// Other words for the same trouble, never routed by a clerk.
const PROBES = ["绿皮车不来收", "绿皮车又没来", "俺这片的绿皮车老是不来", "绿皮车啥时候来啊"];

let world: CaseWorld;
let base: ModelArtifact;
let gate: GateSet[];

beforeAll(async () => {
  world = await createCaseWorld("sqlite");
  base = await baseModel();
  gate = await loadGateSets([PUBLIC_EXAMPLES]);
  for (const [i, description] of GREEN_TRUCK_CASES.entries()) {
    const no = await world.file(100 + i, { description, category: "transport", region: "fugou" });
    // Half are recategorised first; the others are routed straight to urban management.
    if (i % 2 === 0) {
      await world.actions.act(no, { type: "recategorize", categoryCode: "municipal" }, clerk);
    }
    await world.actions.act(no, { type: "route", unitId: "urban_management.fugou" }, clerk);
  }
  // A case still waiting for a clerk teaches nothing.
  await world.file(200, { description: "绿皮车是公交车吗", category: "transport" });
});
afterAll(async () => {
  await world.db.$disconnect();
});

function categories(model: ModelArtifact, texts: readonly string[]): string[] {
  const classifier = createOfflineClassifier({ directory: world.directory, model });
  return texts.map((text) => classifier.classifySync(text).category);
}

describe("retraining from the clerks' decisions", () => {
  it("reads every routed case as a labelled example, the routed unit's category winning", async () => {
    const store = createClassifierModelStore(world.db);
    const examples = (await store.decidedCases(100)).map((decided) =>
      learnedExample(world.directory, decided),
    );
    expect(examples).toHaveLength(GREEN_TRUCK_CASES.length);
    expect(new Set(examples.map((e) => e.category))).toEqual(new Set(["municipal"]));
    expect(examples.every((e) => e.corrected)).toBe(true);
  });

  it("fixes a systematic error: a new local word for rubbish collection is learned and served", async () => {
    expect(categories(base, PROBES).filter((c) => c === "municipal").length).toBeLessThan(2);
    const store = createClassifierModelStore(world.db);
    const outcome = await retrain({
      directory: world.directory,
      store,
      current: base,
      gateSets: gate,
      now: world.clock.now(),
    });
    expect(outcome.result).toBe("in_service");
    if (outcome.result === "unchanged") return;
    expect(categories(outcome.model, PROBES)).toEqual(PROBES.map(() => "municipal"));
    expect(outcome.figures.learned).toBe(GREEN_TRUCK_CASES.length);
    expect(outcome.figures.corrected).toBe(GREEN_TRUCK_CASES.length);
    const judged = outcome.figures.sets["public-examples.jsonl"]!;
    // At most one borderline item of the 64 moved (RETRAIN_TOLERANCE).
    expect(judged.candidate.accuracy).toBeGreaterThanOrEqual(judged.current.accuracy - 1 / 64);

    // The next start serves it (from the database), and an admin sees its record.
    const served = await modelInService({
      directory: world.directory,
      store,
      cacheDir: TEST_CLASSIFIER_CACHE,
    });
    expect(served.record?.id).toBe(outcome.record.id);
    expect(categories(served.model, PROBES)).toEqual(PROBES.map(() => "municipal"));
    const [latest] = await store.history(5);
    expect(latest).toMatchObject({
      id: outcome.record.id,
      status: "in_service",
      learnedItems: GREEN_TRUCK_CASES.length,
    });

    // Nothing new to learn: nothing is trained or recorded again.
    const again = await retrain({
      directory: world.directory,
      store,
      current: served.model,
      gateSets: gate,
      now: world.clock.now(),
    });
    expect(again.result).toBe("unchanged");
  }, 120_000);

  it("keeps the model in service when the retrained one is worse on a held-out set", async () => {
    const store = createClassifierModelStore(world.db);
    const before = await store.inServiceId();
    // A held-out set that says 绿皮车 means the coach: the retrained model must lose on it.
    const coachSet: GateSet = {
      name: "coach.jsonl",
      items: PROBES.map((text, i) =>
        GoldItemSchema.parse({ id: `c${i}`, text, category: "transport", region: null }),
      ),
    };
    const service = await createClassificationService({
      directory: world.directory,
      model: base,
      llm: null,
    });
    const outcome = await retrain({
      directory: world.directory,
      store,
      current: base,
      gateSets: [...gate, coachSet],
      now: world.clock.now(),
    });
    expect(outcome.result).toBe("rejected");
    if (outcome.result !== "rejected") return;
    expect(outcome.record.verdict).toContain("coach.jsonl");
    expect(await store.inServiceId()).toBe(before);
    expect(service.offline.classifySync(PROBES[0]!).category).toBe("transport");
  }, 120_000);
});
