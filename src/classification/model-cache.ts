/**
 * The base model (trained from the repository's corpus) cached on disk, so that
 * a start loads it in a fraction of a second instead of training it: the cache
 * file is named by a hash of everything the model depends on, so a changed
 * corpus, calibration set, training code, library or directory trains anew.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Directory } from "../domain/directory.ts";
import type { Logger } from "../logging/logger.ts";
import { DEFAULT_CORPUS_DIR, loadCorpus, parseCorpus, type CorpusItem } from "./corpus.ts";
import { deserializeModel, serializeModel, type ModelArtifact } from "./model.ts";
import { FEATURES_VERSION } from "./text-features.ts";
import { trainModel } from "./train-model.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";

/** Labelled lines in other voices, never trained on: they fit the model's calibration. */
export const DEFAULT_CALIBRATION_FILE = fileURLToPath(
  new URL("./calibration.jsonl", import.meta.url),
);
const CODE_DIR = fileURLToPath(new URL(".", import.meta.url));
/** Libraries whose dictionaries shape the features. */
const FEATURE_LIBRARIES = ["@node-rs/jieba", "pinyin-pro", "opencc-js"];
/**
 * A cached model not loaded for this long is removed when another is written. Not sooner: an
 * instance of the previous version (a rolling upgrade) or another checkout sharing the folder
 * (the tests' cache) still loads its own.
 */
const UNUSED_MODEL_KEPT_MS = 7 * DAY_MS;

export interface BaseModelSource {
  readonly directory: Directory;
  readonly corpusDir?: string;
  readonly calibrationFile?: string;
}

/** The corpus and calibration lines of a source. @throws Error for an invalid line. */
export async function loadTrainingLines(
  source: BaseModelSource,
): Promise<{ corpus: CorpusItem[]; calibration: CorpusItem[] }> {
  const file = source.calibrationFile ?? DEFAULT_CALIBRATION_FILE;
  const [corpus, calibration] = await Promise.all([
    loadCorpus(source.corpusDir ?? DEFAULT_CORPUS_DIR),
    readFile(file, "utf8").then((text) => parseCorpus(text, path.basename(file))),
  ]);
  return { corpus, calibration };
}

/**
 * sha256 of the training code (this folder's sources), the feature libraries'
 * versions, the corpus and calibration lines and the directory's categories and
 * place names.
 */
export async function baseModelKey(
  source: BaseModelSource,
  lines: { corpus: readonly CorpusItem[]; calibration: readonly CorpusItem[] },
): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`features ${FEATURES_VERSION}\n`);
  const code = (await readdir(CODE_DIR)).filter((file) => file.endsWith(".ts")).sort();
  for (const file of code) hash.update(file).update(await readFile(path.join(CODE_DIR, file)));
  for (const library of FEATURE_LIBRARIES) {
    hash.update(`${library}@${await libraryVersion(library)}\n`);
  }
  hash.update(JSON.stringify(lines.corpus)).update(JSON.stringify(lines.calibration));
  const { categories, regions } = source.directory;
  hash.update(
    JSON.stringify({
      categories: categories.map((c) => c.code),
      regions: regions.map((r) => [r.code, r.names, r.towns, r.looseNames ?? []]),
    }),
  );
  return hash.digest("hex");
}

/** The installed version of a package (whose exports map may hide its package.json). */
async function libraryVersion(library: string): Promise<string> {
  let dir = path.dirname(createRequire(import.meta.url).resolve(library));
  for (;;) {
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === library) return manifest.version ?? "unknown";
    } catch {
      // no package.json at this level: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

export interface CachedModel {
  readonly model: ModelArtifact;
  /** True when it was read from the cache, false when it was trained now. */
  readonly fromCache: boolean;
}

/**
 * The base model of `source`: read from `cacheDir` when a model of the same key
 * is there (its file's time then says it is in use), trained and written there
 * atomically otherwise, removing the models of other keys not loaded for a week.
 * A cache file that cannot be read is trained anew; a cache that cannot be
 * written is logged and the trained model still returned.
 * @throws Error when the corpus or calibration lines are invalid.
 */
export async function loadOrTrainBaseModel(
  source: BaseModelSource & { readonly cacheDir: string | null; readonly logger?: Logger },
): Promise<CachedModel> {
  const lines = await loadTrainingLines(source);
  const key = await baseModelKey(source, lines);
  const file = source.cacheDir
    ? path.join(source.cacheDir, `base-${key.slice(0, 24)}.model`)
    : null;
  if (file) {
    try {
      const model = deserializeModel(await readFile(file));
      // Only the pruning of a week-old model reads this time: a cache the service may not
      // write to (mounted read-only) still serves.
      await utimes(file, new Date(), new Date()).catch(() => undefined);
      return { model, fromCache: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        source.logger?.warn({ err: error, file }, "classifier cache unreadable; training anew");
      }
    }
  }
  const model = trainModel({ directory: source.directory, ...lines, key });
  if (file && source.cacheDir) {
    try {
      await writeAtomically(source.cacheDir, file, serializeModel(model));
    } catch (error) {
      source.logger?.warn(
        { err: error, file },
        "classifier cache not written; the next start trains again",
      );
    }
  }
  return { model, fromCache: false };
}

async function writeAtomically(dir: string, file: string, bytes: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
  const unusedSince = Date.now() - UNUSED_MODEL_KEPT_MS;
  for (const other of await readdir(dir)) {
    const full = path.join(dir, other);
    if (full === file || !/^base-[0-9a-f]+\.model$/.test(other)) continue;
    const used = await stat(full).then(
      (found) => found.mtimeMs,
      () => Infinity, // removed meanwhile by another writer
    );
    if (used < unusedSince) await rm(full, { force: true });
  }
}
