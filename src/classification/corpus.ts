import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { z } from "zod";

/** The labelled training corpus kept in the repository. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL("./corpus/", import.meta.url));

export const CorpusItemSchema = z.object({
  text: z.string().trim().min(1),
  category: z.string().regex(/^[a-z][a-z0-9_]*$/),
  region: z.string().nullable().default(null),
});
export type CorpusItem = z.infer<typeof CorpusItemSchema>;

/**
 * Reads every `*.jsonl` file of `dir` (sorted by name, so the order and thus
 * the trained model are deterministic).
 * @throws Error naming the file and line of the first invalid line.
 */
export async function loadCorpus(dir: string = DEFAULT_CORPUS_DIR): Promise<CorpusItem[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".jsonl")).sort();
  const items: CorpusItem[] = [];
  for (const file of files) {
    const source = await readFile(join(dir, file), "utf8");
    items.push(...parseCorpus(source, file));
  }
  return items;
}

/** Parses JSON lines; blank lines are skipped. @throws Error naming `file` and the line. */
export function parseCorpus(source: string, file: string): CorpusItem[] {
  const items: CorpusItem[] = [];
  source.split("\n").forEach((line, i) => {
    if (line.trim().length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const result = CorpusItemSchema.safeParse(json);
    if (!result.success) {
      throw new Error(`${file}:${i + 1}: ${result.error.issues[0]?.message ?? "invalid line"}`);
    }
    items.push(result.data);
  });
  return items;
}
