import { loadOrTrainBaseModel } from "../classification/model-cache.ts";
import {
  createClassificationService,
  type ClassificationService,
} from "../classification/create-classification.ts";
import { loadPrompt } from "../classification/llm-prompt.ts";
import { loadConfig } from "../config/config.ts";
import { loadDirectory } from "../directory/load-directory.ts";
import type { Directory } from "../domain/directory.ts";

/**
 * Builds the classification service for a command-line tool from the
 * environment: DIRECTORY_FILE (default: the demo city's), LLM_* (optional;
 * `offlineOnly` ignores them).
 * @throws ConfigError for a bad variable, as a service start would.
 */
export async function setUpClassification(
  env: Record<string, string | undefined>,
  offlineOnly: boolean,
): Promise<{ directory: Directory; service: ClassificationService }> {
  const config = loadConfig(env);
  const directory = await loadDirectory(config.directoryFile);
  const { model } = await loadOrTrainBaseModel({
    directory,
    cacheDir: config.classifier.cacheDir,
  });
  const llm = offlineOnly ? null : (config.llm ?? null);
  const promptTemplate = llm ? await loadPrompt() : undefined;
  return {
    directory,
    service: await createClassificationService({
      directory,
      model,
      llm,
      promptTemplate,
      unsureBelow: config.classifier.unsureBelow,
    }),
  };
}

/** The lines of a file, or of standard input when `file` is undefined or "-". */
export async function readInput(file: string | undefined): Promise<string> {
  if (file && file !== "-") {
    const { readFile } = await import("node:fs/promises");
    return readFile(file, "utf8");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Splits JSON-lines input; a final newline does not make an extra line. */
export function splitLines(source: string): string[] {
  const lines = source.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
