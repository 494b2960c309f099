/**
 * Learning from clerks: every case a clerk routed is a labelled example (its
 * final category against what the classifier suggested), and the models
 * retrained from them are kept with their figures. The storage adapter is
 * src/storage/classifier-models.ts.
 */
import { unitById, type Directory } from "../domain/directory.ts";

/** Learned examples read per retraining, newest decisions first (an explicit bound). */
export const MAX_LEARNED_EXAMPLES = 50_000;

/** A case a clerk decided, as storage reads it. */
export interface DecidedCase {
  readonly description: string;
  /** The case's category after the clerk's decision (recategorised or not). */
  readonly categoryCode: string;
  /** The unit the clerk routed it to. */
  readonly unitId: string;
  readonly regionCode: string | null;
  /** The category of the suggestion shown to the clerk; null when none was kept. */
  readonly suggestedCategory: string | null;
  readonly decidedAt: Date;
}

/** A labelled example learned from a clerk's decision. */
export interface LearnedExample {
  readonly text: string;
  readonly category: string;
  readonly region: string | null;
  /** The clerk chose another category than the one suggested. */
  readonly corrected: boolean;
  readonly decidedAt: Date;
}

export const MODEL_STATUSES = ["in_service", "retired", "rejected"] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** A model's record, without its bytes. */
export interface ModelRecord {
  readonly id: string;
  readonly createdAt: Date;
  readonly status: ModelStatus;
  readonly trainingKey: string;
  readonly corpusItems: number;
  readonly learnedItems: number;
  readonly learnedUntil: Date | null;
  readonly figures: unknown;
  readonly verdict: string;
}

export interface NewModelRecord extends Omit<ModelRecord, "id" | "createdAt" | "status"> {
  readonly artifact: Uint8Array;
}

export interface ClassifierModelStore {
  /** Cases a clerk routed to a unit (not merged, withdrawn or refused), newest first, at most `limit`. */
  decidedCases(limit: number): Promise<DecidedCase[]>;
  /** The model in service with its bytes; null when the base model (the corpus's) serves. */
  inService(): Promise<{ record: ModelRecord; artifact: Uint8Array } | null>;
  /** The id of the model in service (a cheap check for a newer one); null for the base model. */
  inServiceId(): Promise<string | null>;
  /** Puts a model in service, retiring (and emptying) the previous one, in one transaction. */
  putInService(model: NewModelRecord): Promise<ModelRecord>;
  /** Keeps a rejected model's record and figures (not its bytes). */
  recordRejected(model: Omit<NewModelRecord, "artifact">): Promise<ModelRecord>;
  /** The newest records first. */
  history(limit: number): Promise<ModelRecord[]>;
}

/**
 * The label a clerk's decision gives a case: its category, unless the clerk
 * routed it to a unit of another department, whose one category it then takes
 * (a department with several categories keeps the case's).
 */
export function learnedExample(directory: Directory, decided: DecidedCase): LearnedExample {
  const department = unitById(directory, decided.unitId)?.department;
  const own = directory.categories.find((c) => c.code === decided.categoryCode);
  let category = decided.categoryCode;
  if (department && own?.department !== department) {
    const theirs = directory.categories.filter((c) => c.department === department);
    if (theirs.length === 1) category = theirs[0]!.code;
  }
  return {
    text: decided.description,
    category,
    region: decided.regionCode,
    corrected: decided.suggestedCategory !== null && decided.suggestedCategory !== category,
    decidedAt: decided.decidedAt,
  };
}
