import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;

const complaint = (text: string, citizen: string, latitude: number) => ({
  text,
  category: "municipal",
  region: "chuanhui",
  address: null,
  lat: latitude,
  lng: 114.659,
  submittedAt: "2026-05-04T09:00:00+08:00",
  citizen,
});

describe("npm run --silent eval:duplicates", () => {
  it("prints precision, recall and F1 per kind and overall, and the pairs it got wrong on request", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eval-duplicates-"));
    const file = join(dir, "pairs.jsonl");
    const pairs = [
      {
        id: "t1",
        a: complaint("路口井盖没了", "x1", 33.6251),
        b: complaint("井没盖子了，危险", "x2", 33.6252),
        duplicate: true,
        kind: "reworded",
      },
      {
        id: "t2",
        a: complaint("路口井盖没了", "y1", 33.6251),
        b: complaint("路口路灯不亮", "y2", 33.6251),
        duplicate: false,
        kind: "different-problem",
      },
      {
        id: "t3",
        a: complaint("路口井盖没了", "z1", 33.6251),
        b: complaint("我上次说的事还没人管", "z2", 33.64),
        duplicate: true,
        kind: "reworded",
      },
    ];
    await writeFile(file, pairs.map((pair) => JSON.stringify(pair)).join("\n") + "\n");

    const { stdout } = await run(
      "npm",
      ["run", "--silent", "eval:duplicates", "--", file, "--errors"],
      {
        cwd: ROOT,
      },
    );

    expect(stdout).toContain(`pairs: ${file} (3, 2 duplicates)`);
    expect(stdout).toContain("| reworded | 2 | 2 | 1 | 100.0 % | 50.0 % | 0.667 | — |");
    expect(stdout).toContain("| different-problem | 1 | 0 | 0 | — | — | — | 0/1 |");
    expect(stdout).toContain("| **all** | 3 | 2 | 1 | 100.0 % | 50.0 % | 0.667 | 0/1 |");
    expect(stdout).toMatch(/^t3 fn reworded \{"verdict":"unlikely"/m);
  });
});
