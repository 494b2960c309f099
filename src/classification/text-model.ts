/**
 * Sparse TF-IDF vectors and two linear text models (softmax logistic
 * regression, complement naive Bayes), trained deterministically.
 *
 * Hand-written on purpose: the JS libraries at hand either work on dense
 * matrices (ml-logistic-regression: 1,300 documents × ~60,000 n-gram features
 * would need ~600 MB and minutes per epoch) or do naive Bayes only
 * (wink-naive-bayes-text-classifier, bayes). Sparse softmax regression with
 * SGD is ~60 lines; it trains on our corpus in well under a second.
 */

export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Maps feature lists to L2-normalised TF-IDF vectors (sublinear tf, smoothed idf). */
export interface Vectorizer {
  readonly size: number;
  /** The vocabulary, in index order (what a saved model keeps). */
  readonly features: readonly string[];
  readonly idf: Float32Array;
  vectorize(features: readonly string[]): SparseVector;
}

export interface VectorizerOptions {
  /** Features seen in fewer training documents are dropped. */
  readonly minDf: number;
}

export function fitVectorizer(
  documents: readonly (readonly string[])[],
  options: VectorizerOptions = { minDf: 1 },
): Vectorizer {
  const df = new Map<string, number>();
  for (const features of documents) {
    for (const feature of new Set(features)) df.set(feature, (df.get(feature) ?? 0) + 1);
  }
  const kept: string[] = [];
  const idfs: number[] = [];
  // Sorted so that the model does not depend on Map insertion order.
  for (const feature of [...df.keys()].sort()) {
    const count = df.get(feature)!;
    if (count < options.minDf) continue;
    kept.push(feature);
    idfs.push(Math.log((1 + documents.length) / (1 + count)) + 1);
  }
  return restoreVectorizer(kept, Float32Array.from(idfs));
}

/** A vectorizer from a saved vocabulary and its idf weights (same order). */
export function restoreVectorizer(features: readonly string[], idf: Float32Array): Vectorizer {
  if (features.length !== idf.length) throw new Error("vocabulary and idf differ in length");
  const vocabulary = new Map<string, number>();
  features.forEach((feature, index) => vocabulary.set(feature, index));
  return {
    size: idf.length,
    features,
    idf,
    vectorize(features) {
      // Known indices sorted, then counted in runs: no per-call Map (this is the hot path).
      const found = new Int32Array(features.length);
      let known = 0;
      for (const feature of features) {
        const index = vocabulary.get(feature);
        if (index !== undefined) found[known++] = index;
      }
      const sorted = found.subarray(0, known).sort();
      const indices: number[] = [];
      const values: number[] = [];
      let norm = 0;
      for (let i = 0; i < known;) {
        const index = sorted[i]!;
        let run = 1;
        while (i + run < known && sorted[i + run] === index) run++;
        const value = (1 + Math.log(run)) * idf[index]!;
        indices.push(index);
        values.push(value);
        norm += value * value;
        i += run;
      }
      norm = Math.sqrt(norm) || 1;
      return {
        indices: Int32Array.from(indices),
        values: Float32Array.from(values, (value) => value / norm),
      };
    },
  };
}

/** A trained linear model: scores over `labels`, in that order. */
export interface LinearModel {
  readonly labels: readonly string[];
  /** Row-major [feature][label]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Unnormalised scores (logits), one per label. */
  logits(vector: SparseVector): Float64Array;
}

/** A linear model from saved weights and biases. */
export function restoreLinearModel(
  labels: readonly string[],
  weights: Float32Array,
  bias: Float32Array,
): LinearModel {
  const c = labels.length;
  if (bias.length !== c || weights.length % c !== 0) throw new Error("weights do not fit labels");
  return {
    labels,
    weights,
    bias,
    logits(vector) {
      const out = new Float64Array(c);
      linearScores(vector, weights, bias, c, out);
      return out;
    },
  };
}

/** Probabilities from logits divided by `temperature` (1: the model's own). */
export function softmax(logits: Float64Array, temperature = 1): Float64Array {
  const out = Float64Array.from(logits, (value) => value / temperature);
  return softmaxInPlace(out);
}

export interface LogisticRegressionOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty, applied to the weights a sample touches. */
  readonly l2: number;
  readonly seed: number;
}

export const DEFAULT_LR_OPTIONS: LogisticRegressionOptions = {
  epochs: 16,
  learningRate: 2,
  l2: 1e-4,
  seed: 12345,
};

/** Multinomial logistic regression by SGD; the same inputs give the same model. */
export function trainLogisticRegression(
  vectors: readonly SparseVector[],
  labels: readonly string[],
  size: number,
  options: LogisticRegressionOptions = DEFAULT_LR_OPTIONS,
): LinearModel {
  const classes = [...new Set(labels)].sort();
  const c = classes.length;
  const y = labels.map((label) => classes.indexOf(label));
  const weights = new Float64Array(size * c);
  const bias = new Float64Array(c);
  const order = vectors.map((_, i) => i);
  const random = mulberry32(options.seed);
  const scores = new Float64Array(c);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const vector = vectors[i]!;
      const rate = options.learningRate / (1 + 0.01 * (step++ / vectors.length));
      linearScores(vector, weights, bias, c, scores);
      softmaxInPlace(scores);
      scores[y[i]!]! -= 1;
      for (let k = 0; k < c; k++) bias[k]! -= rate * scores[k]! * 0.1;
      for (let n = 0; n < vector.indices.length; n++) {
        const base = vector.indices[n]! * c;
        const x = vector.values[n]!;
        for (let k = 0; k < c; k++) {
          const w = weights[base + k]!;
          weights[base + k] = w - rate * (scores[k]! * x + options.l2 * w);
        }
      }
    }
  }
  return restoreLinearModel(classes, Float32Array.from(weights), Float32Array.from(bias));
}

/**
 * Complement naive Bayes (Rennie et al., 2003) on the same vectors: a label's score is
 * how badly the other labels' feature distribution explains the text, Σ x·(−log θ̃),
 * θ̃ smoothed by `alpha`. Labels in the same (sorted) order as trainLogisticRegression's.
 * A linear model too, so it can be added to the regression's weights.
 */
export function trainComplementNaiveBayes(
  vectors: readonly SparseVector[],
  labels: readonly string[],
  size: number,
  alpha: number,
): LinearModel {
  const classes = [...new Set(labels)].sort();
  const c = classes.length;
  const total = new Float64Array(size);
  const perLabel = new Float64Array(size * c);
  for (const [i, vector] of vectors.entries()) {
    const k = classes.indexOf(labels[i]!);
    for (let n = 0; n < vector.indices.length; n++) {
      const index = vector.indices[n]!;
      total[index]! += vector.values[n]!;
      perLabel[index * c + k]! += vector.values[n]!;
    }
  }
  const weights = new Float32Array(size * c);
  for (let k = 0; k < c; k++) {
    let complementMass = alpha * size;
    for (let f = 0; f < size; f++) complementMass += total[f]! - perLabel[f * c + k]!;
    for (let f = 0; f < size; f++) {
      const complement = alpha + total[f]! - perLabel[f * c + k]!;
      weights[f * c + k] = -Math.log(complement / complementMass);
    }
  }
  return restoreLinearModel(classes, weights, new Float32Array(c));
}

function linearScores(
  vector: SparseVector,
  weights: Float32Array | Float64Array,
  bias: Float32Array | Float64Array,
  c: number,
  out: Float64Array,
): void {
  for (let k = 0; k < c; k++) out[k] = bias[k]!;
  for (let n = 0; n < vector.indices.length; n++) {
    const base = vector.indices[n]! * c;
    const x = vector.values[n]!;
    for (let k = 0; k < c; k++) out[k]! += weights[base + k]! * x;
  }
}

function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k]! - max);
    sum += scores[k]!;
  }
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
  return scores;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
