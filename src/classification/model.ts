/**
 * A trained offline model as data: what the classifier needs to answer (the
 * TF-IDF vocabulary, the weights, the calibration) and what it was trained from.
 * It is saved to the disk cache and, once retrained from clerks' decisions, to
 * the database, so that a start loads it instead of training.
 */
import { gunzipSync, gzipSync } from "node:zlib";

export interface ModelProvenance {
  /** sha256 of everything the model was trained from and the code that trained it. */
  readonly key: string;
  /**
   * The key of its corpus part (the base model's key): a retrained model serves only
   * while it equals the base model's, i.e. with the corpus and code it was trained on.
   */
  readonly baseKey: string;
  /** Lines of the repository's corpus, of the clerks' decisions, and of the calibration set. */
  readonly corpusItems: number;
  readonly learnedItems: number;
  readonly calibrationItems: number;
  readonly trainedAt: string;
}

export interface ModelArtifact {
  /** FEATURES_VERSION of the code that trained it. */
  readonly featuresVersion: number;
  /** The vocabulary, in index order, and its idf weights. */
  readonly features: readonly string[];
  readonly idf: Float32Array;
  readonly labels: readonly string[];
  /** Row-major [feature][label]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Logits are divided by it before the softmax (fitted on the calibration set). */
  readonly temperature: number;
  /** The confidence given to a keyword rule's category (its precision on the calibration set). */
  readonly ruleConfidence: number;
  readonly provenance: ModelProvenance;
}

const MAGIC = "ZKCM1";

interface Header {
  readonly featuresVersion: number;
  readonly labels: readonly string[];
  readonly temperature: number;
  readonly ruleConfidence: number;
  readonly provenance: ModelProvenance;
  readonly featureCount: number;
}

/** The model as gzipped bytes: a JSON header, the vocabulary, then float32 arrays. */
export function serializeModel(model: ModelArtifact): Buffer {
  const header: Header = {
    featuresVersion: model.featuresVersion,
    labels: model.labels,
    temperature: model.temperature,
    ruleConfidence: model.ruleConfidence,
    provenance: model.provenance,
    featureCount: model.features.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const vocabulary = Buffer.from(model.features.join("\n"), "utf8");
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32LE(headerBytes.length, 0);
  lengths.writeUInt32LE(vocabulary.length, 4);
  return gzipSync(
    Buffer.concat([
      Buffer.from(MAGIC, "ascii"),
      lengths,
      headerBytes,
      vocabulary,
      floats(model.idf),
      floats(model.weights),
      floats(model.bias),
    ]),
    { level: 1 },
  );
}

/** @throws Error when `bytes` is not a model saved by serializeModel. */
export function deserializeModel(bytes: Uint8Array): ModelArtifact {
  const raw = gunzipSync(bytes);
  if (raw.subarray(0, MAGIC.length).toString("ascii") !== MAGIC) throw new Error("not a model");
  let at = MAGIC.length;
  const headerLength = raw.readUInt32LE(at);
  const vocabularyLength = raw.readUInt32LE(at + 4);
  at += 8;
  const header = JSON.parse(raw.subarray(at, at + headerLength).toString("utf8")) as Header;
  at += headerLength;
  const features =
    header.featureCount === 0
      ? []
      : raw
          .subarray(at, at + vocabularyLength)
          .toString("utf8")
          .split("\n");
  at += vocabularyLength;
  const read = (count: number) => {
    const copy = new Float32Array(count);
    Buffer.from(copy.buffer).set(raw.subarray(at, at + count * 4));
    at += count * 4;
    return copy;
  };
  const idf = read(header.featureCount);
  const weights = read(header.featureCount * header.labels.length);
  const bias = read(header.labels.length);
  if (features.length !== header.featureCount || at !== raw.length) {
    throw new Error("model file is truncated or damaged");
  }
  return {
    featuresVersion: header.featuresVersion,
    features,
    idf,
    labels: header.labels,
    weights,
    bias,
    temperature: header.temperature,
    ruleConfidence: header.ruleConfidence,
    provenance: header.provenance,
  };
}

function floats(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}
