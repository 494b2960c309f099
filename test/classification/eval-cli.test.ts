/**
 * `npm run eval` measures the offline classifier, and with --llm the configured
 * OpenAI-compatible endpoint on the same sets, side by side with their agreement.
 * `npm run retrain` gates a retrained model (here: nothing to learn yet).
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CLASSIFIER_CACHE } from "../support/classifier-cache.ts";
import { freshDatabaseTarget } from "../support/databases.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai.ts";

const run = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;

const GOLD = [
  {
    id: "g1",
    text: "我们那条街的路灯坏了一个多月了，晚上黑乎乎的。",
    category: "municipal",
    region: null,
  },
  { id: "g2", text: "小区门口的井盖丢了，很危险。", category: "municipal", region: null },
  {
    id: "g3",
    text: "项城市一家汽修厂每天晚上十一点还在敲钣金，噪音太大了。",
    category: "environment",
    region: "xiangcheng",
  },
];

const MUNICIPAL_ANSWER = JSON.stringify({
  category: "municipal",
  confidence: 0.9,
  alternatives: [{ category: "transport", confidence: 0.05 }],
  region: null,
  region_evidence: null,
  rationale: "street problem",
});

let fake: FakeOpenAi;
let gold: string;

beforeAll(async () => {
  fake = await startFakeOpenAi({ content: MUNICIPAL_ANSWER });
  const dir = await mkdtemp(join(tmpdir(), "eval-cli-"));
  gold = join(dir, "gold.jsonl");
  await writeFile(gold, GOLD.map((item) => JSON.stringify(item)).join("\n") + "\n");
});
afterAll(async () => {
  await fake.close();
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, CLASSIFIER_CACHE_DIR: TEST_CLASSIFIER_CACHE };
  for (const name of ["LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL"]) delete base[name];
  return { ...base, ...extra };
}

// Each test starts `npm run` processes that load the model (a fresh checkout trains it first):
// seconds of CPU each, more than the default 20 s on a loaded 2-core machine.
describe("npm run eval", { timeout: 90_000 }, () => {
  it("prints accuracy, calibration error and the unsure share of the offline classifier", async () => {
    const { stdout } = await run("npm", ["run", "--silent", "eval", "--", gold], {
      cwd: ROOT,
      env: env(),
    });
    expect(stdout).toContain("accuracy (top-1) 100.0%");
    expect(stdout).toMatch(/calibration {6}ECE 0\.\d{3}/);
    expect(stdout).toMatch(/unsure {11}\d+\.\d% of answers/);
    expect(stdout).toContain("by detected language:");
  });

  it("with --llm: the same figures for the LLM beside the offline ones, and their agreement", async () => {
    const { stdout } = await run("npm", ["run", "--silent", "eval", "--", gold, "--llm"], {
      cwd: ROOT,
      env: env({ LLM_BASE_URL: fake.baseUrl, LLM_API_KEY: "test-key", LLM_MODEL: "fake-model" }),
    });
    expect(stdout).toMatch(/offline\s+LLM/);
    // The fake LLM says "municipal" to everything: 2 of 3 right, agreeing on those 2.
    expect(stdout).toMatch(/top-1 category\s+100\.0%\s+66\.7%/);
    expect(stdout).toMatch(/calibration error \(ECE\)\s+0\.\d{3}\s+0\.\d{3}/);
    expect(stdout).toContain("agreement (same category)  66.7%");
    expect(stdout).toContain("LLM failures (offline answer used)  0");
    expect(fake.requests.length).toBeGreaterThanOrEqual(GOLD.length);
    expect(fake.requests.at(-1)?.body.model).toBe("fake-model");
  });
});

describe("npm run retrain", { timeout: 90_000 }, () => {
  it("has nothing to learn before any clerk has routed a case", async () => {
    const target = await freshDatabaseTarget("sqlite");
    const { stdout } = await run("npm", ["run", "--silent", "retrain"], {
      cwd: ROOT,
      env: env({ DATABASE_URL: target.url }),
    });
    expect(stdout).toContain("nothing new to learn (0 routed cases)");
  });
});
