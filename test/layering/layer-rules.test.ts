/**
 * The import direction of eslint.config.js covers every folder of src/ (the wiring and the
 * generated clients aside), and keeps the database inside storage/: cases/ and conversation/
 * take store interfaces (type imports), never the Prisma client.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SRC = path.join(ROOT, "src");
const RULE = "@typescript-eslint/no-restricted-imports";
/** The composition roots and the command-line tools: they build the adapters, so reach everything. */
const WIRING = /^(app\.ts|main\.ts|cli\/)/;

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : typeScriptFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const eslint = new ESLint({ cwd: ROOT });

/** The layer rule's messages for `source` linted as the file `file` (relative to the root). */
async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("the import direction (eslint.config.js)", () => {
  it("has a layer rule for every file of src/ but the wiring", async () => {
    const files = typeScriptFiles(SRC)
      .map((file) => path.relative(SRC, file).split(path.sep).join("/"))
      .filter((file) => !WIRING.test(file));
    expect(files.length).toBeGreaterThan(100);
    const uncovered: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(path.join(SRC, file))) as {
        rules?: Record<string, unknown>;
      };
      if (!config.rules?.[RULE]) uncovered.push(file);
    }
    expect(uncovered).toEqual([]);
  });

  for (const folder of ["cases", "conversation"]) {
    it(`lets ${folder}/ name storage's interfaces by type, never the database`, async () => {
      const file = `src/${folder}/probe.ts`;
      const typeOnly = [
        'import type { CaseReads } from "../storage/case-reads.ts";',
        "export type Reads = CaseReads;",
      ].join("\n");
      expect(await layerErrors(file, typeOnly)).toEqual([]);
      for (const banned of [
        'import { createCaseReads } from "../storage/case-reads.ts";\nexport const reads = createCaseReads;',
        'import type { Db } from "../storage/database.ts";\nexport type D = Db;',
        'import type { Prisma } from "../generated/sqlite/client.ts";\nexport type P = Prisma.CaseInclude;',
        'import type { PrismaPg } from "@prisma/adapter-pg";\nexport type A = PrismaPg;',
      ]) {
        expect(await layerErrors(file, banned), banned).toHaveLength(1);
      }
    });
  }
});
