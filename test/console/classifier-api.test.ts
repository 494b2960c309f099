/** Administrators see the classifier serving, its calibration and its retraining history. */
import { beforeAll, describe, expect, it } from "vitest";
import { startConsoleWorld, type ConsoleWorld } from "./console-world.ts";

let world: ConsoleWorld;

beforeAll(async () => {
  world = await startConsoleWorld();
  await world.addStaff("root", "admin");
  await world.addStaff("li", "clerk");
});

async function signedIn(username: string) {
  const client = world.client();
  expect((await client.signIn(username)).status).toBe(200);
  return client;
}

describe("GET /api/admin/classifier", () => {
  it("shows an admin the model serving: the corpus's base model before any retraining", async () => {
    const answer = await (await signedIn("root")).get("/api/admin/classifier");
    expect(answer.status).toBe(200);
    expect(answer.json.serving).toMatchObject({ source: "base", modelId: null, learnedItems: 0 });
    expect(answer.json.serving.corpusItems).toBeGreaterThan(2000);
    expect(answer.json.serving.calibrationItems).toBeGreaterThan(100);
    expect(answer.json.serving.temperature).toBeGreaterThan(0);
    expect(answer.json.serving.unsureBelow).toBe(0.6);
    expect(answer.json.inService).toEqual({
      answering: "offline",
      llmModel: null,
      llmLastError: null,
    });
    expect(answer.json.history).toEqual([]);
  });

  it("is for admins only", async () => {
    expect((await (await signedIn("li")).get("/api/admin/classifier")).status).toBe(403);
    expect((await world.client().get("/api/admin/classifier")).status).toBe(401);
  });
});
