/**
 * A complaint the classifier was unsure about (confidence below CLASSIFIER_UNSURE_BELOW), as
 * the staff tests file it: a cable lying on a pavement in Chuanhui — power supply, municipal
 * or environment? Its top 3 go to three different units.
 */
import type { Classification } from "../../src/domain/classification.ts";
import type { ComplaintSubmission } from "../../src/domain/intake/ports.ts";

export const UNSURE_CABLE: Classification = {
  category: "utilities",
  confidence: 0.41,
  alternatives: [
    { category: "utilities", confidence: 0.41 },
    { category: "municipal", confidence: 0.34 },
    { category: "environment", confidence: 0.12 },
  ],
  unsure: true,
  language: "zh",
  region: "chuanhui",
  explanation: [
    { kind: "model", category: "utilities", confidence: 0.41, doubt: "low_confidence" },
    { kind: "region", region: "chuanhui", source: "words", evidence: ["川汇区"] },
  ],
  method: "model",
};

/** What fileDirectly (or a console world's file) overrides to file it. */
export const UNSURE_FILING = {
  description: "川汇区七一路人行道上有一根电缆一直横在那里，也不知道是谁家的",
  category: "utilities",
  region: "chuanhui",
  classification: UNSURE_CABLE,
} satisfies Partial<ComplaintSubmission>;

/** The units of its top 3 in Chuanhui, in order. */
export const UNSURE_UNITS = [
  "housing_construction.chuanhui",
  "urban_management.chuanhui",
  "ecology_environment.chuanhui",
] as const;
