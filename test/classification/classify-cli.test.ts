import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { TEST_CLASSIFIER_CACHE } from "../support/classifier-cache.ts";

const run = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;

function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CLASSIFIER_CACHE_DIR: TEST_CLASSIFIER_CACHE };
  delete env.LLM_BASE_URL;
  delete env.LLM_API_KEY;
  delete env.LLM_MODEL;
  return env;
}

// Each test starts `npm run` processes that load the model (a fresh checkout trains it first):
// seconds of CPU each, more than the default 20 s on a loaded 2-core machine.
describe("npm run --silent classify", { timeout: 90_000 }, () => {
  it("answers one JSON line per input line, in order, malformed lines included", async () => {
    const dir = await mkdtemp(join(tmpdir(), "classify-cli-"));
    const file = join(dir, "input.jsonl");
    const lines = [
      JSON.stringify({
        id: "a1",
        text: "项城市我们小区旁边有家汽修厂，每天晚上十一点还在敲钣金，噪音太大了。",
      }),
      "{this is not json",
      JSON.stringify({ id: "a3" }),
      JSON.stringify({ id: 4, text: "我们那条街的路灯坏了一个多月了，晚上黑乎乎的，希望尽快修。" }),
      JSON.stringify({ id: "a5", text: "" }),
    ];
    await writeFile(file, lines.join("\n") + "\n");
    const { stdout } = await run("npm", ["run", "--silent", "classify", "--", file], {
      cwd: ROOT,
      env: offlineEnv(),
    });
    const out = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(out).toHaveLength(lines.length);

    expect(Object.keys(out[0]!).sort()).toEqual(
      [
        "alternatives",
        "category",
        "confidence",
        "id",
        "language",
        "method",
        "region",
        "unitId",
        "unsure",
      ].sort(),
    );
    expect(out[0]).toMatchObject({
      id: "a1",
      category: "environment",
      region: "xiangcheng",
      unitId: "ecology_environment.xiangcheng",
    });
    const alternatives = out[0]!.alternatives as { category: string; confidence: number }[];
    expect(alternatives.length).toBeLessThanOrEqual(3);
    expect(alternatives[0]!.category).toBe("environment");
    expect(Object.keys(alternatives[0]!).sort()).toEqual(["category", "confidence"]);

    expect(out[1]).toMatchObject({ id: null, line: 2 });
    expect(out[1]!.error).toMatch(/JSON/);
    expect(out[2]).toMatchObject({ id: "a3", line: 3 });
    expect(out[2]!.error).toMatch(/text/);
    expect(out[3]).toMatchObject({ id: 4, category: "municipal", region: null });
    // region unknown: the city-level unit (flagged in the app; the CLI gives the unit)
    expect(out[3]!.unitId).toBe("urban_management.city");
    expect(out[4]).toMatchObject({ id: "a5", category: "other" });
  });

  it("reads standard input when no file is given", async () => {
    const child = run("npm", ["run", "--silent", "classify"], { cwd: ROOT, env: offlineEnv() });
    child.child.stdin!.end(
      JSON.stringify({ id: "s1", text: "孩子学校食堂的饭菜经常是凉的" }) + "\n",
    );
    const { stdout } = await child;
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: "s1", category: "education" });
  });
});
