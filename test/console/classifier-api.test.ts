/** Administrators see the classifier serving, its calibration and its retraining history. */
import { describe, expect, it } from "vitest";
import { useConsoleWorld } from "./console-world.ts";

const scene = useConsoleWorld({
  staff: [
    { username: "root", role: "admin" },
    { username: "li", role: "clerk" },
  ],
});

describe("GET /api/admin/classifier", () => {
  it("shows an admin the model serving: the corpus's base model before any retraining", async () => {
    const answer = await (await scene.signedIn("root")).get("/api/admin/classifier");
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
    expect((await (await scene.signedIn("li")).get("/api/admin/classifier")).status).toBe(403);
    expect((await scene.world.client().get("/api/admin/classifier")).status).toBe(401);
  });
});
