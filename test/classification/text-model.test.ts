/**
 * The two linear learners of the offline model: softmax logistic regression and
 * complement naive Bayes, on the same TF-IDF vectors and in the same label order,
 * so that the served weights can be their sum (train-model.ts).
 */
import { describe, expect, it } from "vitest";
import {
  fitVectorizer,
  trainComplementNaiveBayes,
  trainLogisticRegression,
} from "../../src/classification/text-model.ts";

const documents = [
  ["井盖", "丢", "路"],
  ["井盖", "坏", "路灯"],
  ["工资", "拖欠", "老板"],
  ["工资", "不给", "工地"],
  ["噪音", "工地", "晚上"],
  ["噪音", "广场舞", "晚上"],
];
const labels = ["municipal", "municipal", "labor", "labor", "environment", "environment"];

describe("complement naive Bayes", () => {
  const vectorizer = fitVectorizer(documents);
  const vectors = documents.map((features) => vectorizer.vectorize(features));
  const bayes = trainComplementNaiveBayes(vectors, labels, vectorizer.size, 0.1);

  it("scores highest the label whose words a text uses", () => {
    const top = (features: string[]) => {
      const scores = bayes.logits(vectorizer.vectorize(features));
      return bayes.labels[scores.indexOf(Math.max(...scores))];
    };
    expect(top(["井盖", "丢"])).toBe("municipal");
    expect(top(["老板", "拖欠", "工资"])).toBe("labor");
    // 工地 is in a labor and an environment line: the night noise decides.
    expect(top(["工地", "噪音", "晚上"])).toBe("environment");
  });

  it("has the regression's labels in the same order, so their weights can be added", () => {
    const regression = trainLogisticRegression(vectors, labels, vectorizer.size);
    expect(bayes.labels).toEqual(regression.labels);
    expect(bayes.weights.length).toBe(regression.weights.length);
  });

  it("is the same model for the same input", () => {
    const again = trainComplementNaiveBayes(vectors, labels, vectorizer.size, 0.1);
    expect(again.weights).toEqual(bayes.weights);
  });
});
