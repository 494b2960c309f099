import { fileURLToPath } from "node:url";

const TEST_DIR = new URL("../../test/classification/", import.meta.url);

/** Written independently of the corpus by the team (never trained or tuned on). */
export const HELDOUT_SET = fileURLToPath(new URL("heldout.jsonl", TEST_DIR));
/** Written by other hands in other voices (never trained or tuned on); may be absent. */
export const OUTSIDE_SET = fileURLToPath(new URL("outside.jsonl", TEST_DIR));
/** The classifier team's own dev set, used for tuning: its figures are optimistic. */
export const DEV_SET = fileURLToPath(new URL("dev.jsonl", TEST_DIR));

/**
 * The classifier team's second dev set, in voices unlike the corpus (elderly, dialect,
 * migrant, English, pinyin, traditional, injections, misleading words); a tuning set too.
 */
export const VOICES_SET = fileURLToPath(new URL("voices.jsonl", TEST_DIR));

/** What `npm run eval` measures by default (those that exist). */
export const EVALUATION_SETS = [HELDOUT_SET, OUTSIDE_SET, DEV_SET, VOICES_SET];

/** What a retrained model must not be worse on before it is put in service (those that exist). */
export const GATE_SETS = [HELDOUT_SET, OUTSIDE_SET];
