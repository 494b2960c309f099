/**
 * The LLM classifier's prompt: the versioned file and its placeholders filled from the
 * directory. Apart from the classifier so that reading it does not load the openai package.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { cityRegion, type Directory } from "../domain/directory.ts";

export const DEFAULT_PROMPT_FILE = fileURLToPath(
  new URL("../../prompts/classify.v1.md", import.meta.url),
);

/** Reads a versioned prompt file. @throws Error when it cannot be read. */
export async function loadPrompt(file: string = DEFAULT_PROMPT_FILE): Promise<string> {
  return readFile(file, "utf8");
}

/** Fills the prompt's placeholders from the directory (categories, regions and towns). */
export function renderPrompt(template: string, directory: Directory): string {
  const categories = directory.categories
    .map((c) => `- ${c.code} — ${c.name} — ${c.plain} (${c.plainEn})`)
    .join("\n");
  const regions = directory.regions
    .map((r) => {
      const towns = r.towns.length > 0 ? `; towns: ${r.towns.join("、")}` : "";
      return `- ${r.code} — ${r.names.join("、")}${towns}`;
    })
    .join("\n");
  return template
    .replace(/^<!--[^]*?-->\n/, "")
    .replaceAll("{{city}}", directory.city)
    .replaceAll("{{categories}}", categories)
    .replaceAll("{{regions}}", regions)
    .replaceAll("{{cityRegion}}", cityRegion(directory).code);
}
