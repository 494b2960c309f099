/**
 * Why a case was routed as it was, as data: the facts a classifier found (the words that
 * decided the category, the model's figures, the region and what showed it, the language),
 * kept with the routing suggestion and put into words only when shown, in the reader's
 * language (the console in zh or en, the staff cards in Chinese).
 */
import { z } from "zod";
import { DETECTED_LANGUAGES } from "./vocabulary.ts";

/**
 * What showed a case's region:
 * - words: names in the complaint's description (`evidence` holds them);
 * - address: names in the address the citizen gave apart from the description (`evidence`);
 * - model_words: the LLM's quote of the complaint, checked to be in it and to name the region;
 * - dialogue: the citizen chose it when asked;
 * - coordinates: the location the citizen shared;
 * - given: known before the classifier read the text (a choice or a location);
 * - clerk: a clerk set it (after filing, or when registering a call or visit).
 */
export const REGION_EVIDENCE_SOURCES = [
  "words",
  "address",
  "model_words",
  "dialogue",
  "coordinates",
  "given",
  "clerk",
] as const;
export type RegionEvidenceSource = (typeof REGION_EVIDENCE_SOURCES)[number];

/** Why the statistical model's answer is unsure, if it is. */
export const MODEL_DOUBTS = ["unknown_words", "low_confidence"] as const;
export type ModelDoubt = (typeof MODEL_DOUBTS)[number];

/** The longest LLM reason kept (the model's own words, shown to clerks only). */
export const MAX_LLM_REASON = 200;

export const ExplanationFactSchema = z.discriminatedUnion("kind", [
  /** A keyword rule matched: `words` (as written in the complaint) mean `category`. */
  z.object({ kind: z.literal("keyword"), words: z.string(), category: z.string() }),
  /** The statistical model chose `category` with `confidence` (as kept and shown). */
  z.object({
    kind: z.literal("model"),
    category: z.string(),
    confidence: z.number().min(0).max(1),
    doubt: z.enum(MODEL_DOUBTS).nullable(),
  }),
  /** Too short or unreadable to classify: the clerk routes it. */
  z.object({ kind: z.literal("unreadable") }),
  /** The LLM answered; `reason` is its own free text, `prompt` the prompt version. */
  z.object({ kind: z.literal("llm"), prompt: z.string(), reason: z.string() }),
  /** The region, and what showed it; `evidence` are the words that did (may be empty). */
  z.object({
    kind: z.literal("region"),
    region: z.string(),
    source: z.enum(REGION_EVIDENCE_SOURCES),
    evidence: z.array(z.string()),
  }),
  /** Nothing showed the region (the routing goes to the city level for the clerk to confirm). */
  z.object({ kind: z.literal("region_unknown") }),
  /** The complaint was not written in simplified Chinese. */
  z.object({
    kind: z.literal("language"),
    language: z.enum(DETECTED_LANGUAGES).exclude(["zh"]),
  }),
]);
export type ExplanationFact = z.infer<typeof ExplanationFactSchema>;
export type RegionFact = ExplanationFact & { kind: "region" | "region_unknown" };

/** A stored explanation: the list of facts, in the order they are said. */
export const ExplanationSchema = z.array(ExplanationFactSchema);
export type Explanation = readonly ExplanationFact[];

/** The region fact of `facts`, if it has one. */
export function regionFactOf(facts: Explanation): RegionFact | undefined {
  return facts.find((f): f is RegionFact => f.kind === "region" || f.kind === "region_unknown");
}

/** `facts` with its region fact replaced by `region` (in the same place; appended if none). */
export function withRegionFact(facts: Explanation, region: RegionFact): ExplanationFact[] {
  const at = facts.findIndex((f) => f.kind === "region" || f.kind === "region_unknown");
  if (at < 0) return [...facts, region];
  return facts.map((fact, i) => (i === at ? region : fact));
}

/** What decided a case's region when it was filed (the dialogue's view of it). */
export type RegionDecision = Extract<
  RegionEvidenceSource,
  "words" | "address" | "dialogue" | "coordinates" | "clerk"
>;

/**
 * The region fact of a case as filed: how `region` was finally decided, not what the
 * classifier saw when it read the description. The classifier's own fact stays when it names
 * the same region from the citizen's words (it carries the words); a region chosen in the
 * dialogue or placed by coordinates is said so.
 */
export function filedRegionFact(
  classified: Explanation,
  region: string | null,
  decidedBy: RegionDecision,
): RegionFact {
  if (region === null) return { kind: "region_unknown" };
  const found = regionFactOf(classified);
  const fromWords = decidedBy === "words" || decidedBy === "address";
  if (fromWords && found?.kind === "region" && found.region === region && found.evidence.length) {
    return found;
  }
  return { kind: "region", region, source: decidedBy, evidence: [] };
}
