/**
 * Calibration of the offline model's probabilities: temperature scaling
 * (Guo et al., 2017) fitted on labelled lines the model was not trained on, and
 * the expected calibration error that measures it.
 */
import { softmax } from "./text-model.ts";

/** One scored line of a calibration set: the model's logits and the index of the right label. */
export interface ScoredLine {
  readonly logits: Float64Array;
  readonly gold: number;
}

/**
 * The temperature T that minimises the negative log-likelihood of
 * softmax(logits / T) on `lines` (golden-section search on log T within
 * [0.05, 20]). 1 when there are no lines. Deterministic.
 */
export function fitTemperature(lines: readonly ScoredLine[]): number {
  if (lines.length === 0) return 1;
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let sum = 0;
    for (const line of lines) sum -= Math.log(Math.max(softmax(line.logits, t)[line.gold]!, 1e-12));
    return sum;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * How often a rule's category was right on the calibration lines where a rule
 * fired, smoothed towards 0.9 by two pseudo-lines (few rule hits would give 1).
 */
export function ruleConfidence(hits: number, right: number): number {
  return (right + 1.8) / (hits + 2);
}

/**
 * Expected calibration error: the gap between confidence and accuracy, averaged
 * over `bins` equal-width confidence bins weighted by their share of answers.
 * 0 for no answers.
 */
export function expectedCalibrationError(
  answers: readonly { readonly confidence: number; readonly correct: boolean }[],
  bins = 10,
): number {
  if (answers.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  for (const answer of answers) {
    const bin = Math.min(bins - 1, Math.floor(answer.confidence * bins));
    count[bin]!++;
    confidence[bin]! += answer.confidence;
    if (answer.correct) correct[bin]!++;
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    if (count[bin] === 0) continue;
    error += Math.abs(confidence[bin]! - correct[bin]!) / answers.length;
  }
  return error;
}
