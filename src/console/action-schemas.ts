/** The body of a console action: one of the lifecycle's staff commands, by ids. */
import { z } from "zod";
import { DEADLINE_RULES } from "../domain/lifecycle/deadlines.ts";
import { MAX_ANSWER_CHARS, MAX_UNIT_PHOTOS } from "../domain/lifecycle/timeline.ts";
import {
  ANSWER_OUTCOMES,
  CASE_CLASSES,
  CASE_STATUSES,
  OTHER_CHANNELS,
} from "../domain/vocabulary.ts";

/**
 * Words of at most `max` characters; `tooLong`, a console message key (messages.ts), names the
 * limit to the staff member instead of the general "not valid".
 */
const text = (max: number, tooLong?: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max, tooLong === undefined ? undefined : { error: tooLong });
/**
 * A staff member's reason or progress note (not accepted, urgency, extension, return, 办理进展):
 * short words, unlike a written answer. The console's dialogs read it with the reference tables.
 */
export const MAX_REASON_CHARS = 1000;
/** A reason of at most MAX_REASON_CHARS, its refusal naming the limit. */
const reason = () => text(MAX_REASON_CHARS, "case.reason_too_long");
const unitId = z.string().min(1).max(100);
/** Photos uploaded with POST /api/cases/:no/unit-photos, sent to the citizen with the words. */
const photoIds = z
  .array(z.string().regex(/^[0-9a-f]{32}$/))
  .max(MAX_UNIT_PHOTOS)
  .optional();

export const CaseActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("route"), unitId }),
  z.object({ type: z.literal("assign"), unitId }),
  z.object({ type: z.literal("reassign"), unitId }),
  z.object({
    type: z.literal("not_accept"),
    reason: reason(),
    channel: z.enum(OTHER_CHANNELS).nullable(),
  }),
  z.object({ type: z.literal("merge"), intoTrackingNo: z.string().min(1).max(40) }),
  z.object({ type: z.literal("recategorize"), categoryCode: z.string().min(1).max(64) }),
  z.object({
    type: z.literal("set_class"),
    caseClass: z.enum(CASE_CLASSES),
  }),
  z.object({ type: z.literal("set_region"), regionCode: z.string().min(1).max(64) }),
  z.object({ type: z.literal("set_urgency"), urgent: z.boolean(), reason: reason() }),
  z.object({ type: z.literal("close") }),
  z.object({ type: z.literal("start") }),
  z.object({
    type: z.literal("report_progress"),
    note: text(MAX_REASON_CHARS, "case.note_too_long"),
    photoIds,
  }),
  z.object({
    type: z.literal("answer"),
    outcome: z.enum(ANSWER_OUTCOMES),
    /** At most MAX_ANSWER_CHARS characters (a formal written answer may be long). */
    text: text(MAX_ANSWER_CHARS, "case.answer_too_long").describe(
      `The answer's text, at most ${MAX_ANSWER_CHARS} characters (a formal written answer, 书面答复, may be long)`,
    ),
    photoIds,
    /**
     * 承诺办结日期, a Shanghai day (YYYY-MM-DD): the citizen is asked the day after it whether
     * the promise was kept (without one, a week after the answer). Its range (today to the day
     * before the review's last day) is the lifecycle's (answer-follow-up.ts), refused with a 400
     * too.
     */
    promisedBy: z.iso.date().optional(),
  }),
  z.object({
    type: z.literal("extend"),
    days: z.number().int().min(1).max(DEADLINE_RULES.maxExtensionDays),
    reason: reason(),
  }),
  z.object({ type: z.literal("return"), reason: reason() }),
]);

/** An action with the status the staff member saw: a different status now means someone else acted. */
export const CaseActionBodySchema = z.object({
  action: CaseActionSchema,
  expectedStatus: z.enum(CASE_STATUSES).optional(),
});
