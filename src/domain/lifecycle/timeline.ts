/**
 * The case's history: one entry per thing that happened, written with the change.
 * Each kind carries its facts as typed data (`TimelineFact`); the note holds
 * only words a person wrote (a reason, a progress note), never a value to parse back.
 */
import { z } from "zod";
import type { CaseClass } from "../directory.ts";
import type { ActorKind } from "./actor.ts";
import type { AnswerOutcome, CaseStatus, Satisfaction } from "./case-status.ts";
import type { DeadlineClock } from "./notifications.ts";
import { MAX_PHOTOS } from "../intake/state.ts";
import { GroupComplaintSchema } from "../group-complaint.ts";

/** A zod enum of every value of a union type; the mapped type makes the compiler catch a missing one. */
function everyValueOf<T extends string>(values: { readonly [K in T]: K }) {
  return z.enum(values);
}

const UnitIdSchema = z.string().min(1);
const TrackingNoSchema = z.string().min(1);
/** Most photos a unit attaches to one answer or progress report (Telegram's album holds 10). */
export const MAX_UNIT_PHOTOS = 9;
/**
 * Most characters of an answer's text (UTF-16 units, as a form's maxlength counts them). A
 * formal written answer (书面答复) states the facts found, the rules applied and the outcome,
 * and runs to several pages: 20,000 characters holds about ten, well beyond any usual one, while
 * keeping a runaway paste out of the case. The chat channels cut a long notice for their own
 * limits; the whole answer stays with the case.
 */
export const MAX_ANSWER_CHARS = 20_000;
/**
 * The photos a unit attached to the entry, by the ids of the files the service keeps for the
 * case (src/cases/unit-photos.ts), in the order they were taken.
 */
const PhotoIdsSchema = z
  .array(z.string().regex(/^[0-9a-f]{32}$/))
  .min(1)
  .max(MAX_UNIT_PHOTOS);
const OutcomeSchema = everyValueOf<AnswerOutcome>({
  support: "support",
  explain: "explain",
  reject: "reject",
});
const CaseClassSchema = everyValueOf<CaseClass>({
  suggestion: "suggestion",
  report: "report",
  request: "request",
});
const ClockSchema = everyValueOf<DeadlineClock>({
  acceptance: "acceptance",
  handling: "handling",
  review: "review",
});
const SatisfactionSchema = everyValueOf<Satisfaction>({
  satisfied: "satisfied",
  basically_satisfied: "basically_satisfied",
  dissatisfied: "dissatisfied",
});
/** An instant, stored as an ISO 8601 string and read as a Date. */
const InstantSchema = z.codec(z.iso.datetime(), z.date(), {
  decode: (iso) => new Date(iso),
  encode: (date) => date.toISOString(),
});

/** A Shanghai calendar day, YYYY-MM-DD. */
const LocalDateSchema = z.iso.date();
/**
 * What an answer (or 复查 / 复核 opinion) says: `outcome` null only on entries written before
 * outcomes were recorded (an earlier answer); `promisedBy` the day it promised its work done by
 * (absent: none, as on every entry written before promises).
 */
const AnswerSchema = z.object({
  outcome: OutcomeSchema.nullable(),
  photoIds: PhotoIdsSchema.optional(),
  promisedBy: LocalDateSchema.optional(),
});

/** A kind whose entry says all there is to say by itself. */
function bare<K extends string>(kind: K) {
  return z.object({ kind: z.literal(kind), data: z.null() });
}
function withData<K extends string, S extends z.ZodType>(kind: K, data: S) {
  return z.object({ kind: z.literal(kind), data });
}

/** A citizen's words as they wrote them, the photos sent with them, or both. */
const WORDS_AND_PHOTOS = z
  .object({
    /** Null: photos sent without words (a citizen who would not or could not write). */
    text: z.string().min(1).nullable(),
    /**
     * The ids of the photos the citizen sent with the words (their channel's file ids, as the
     * case's attachments keep them); absent when none were sent, as on entries written before.
     */
    photoIds: z.array(z.string().min(1)).min(1).max(MAX_PHOTOS).optional(),
  })
  .refine((d) => d.text !== null || d.photoIds !== undefined, {
    message: "words or photos",
  });

/**
 * Every timeline kind with the facts it carries. Stored in TimelineEntry.kind
 * and TimelineEntry.data; storage validates it on write and on read.
 */
export const TimelineFactSchema = z.discriminatedUnion("kind", [
  bare("submitted"),
  bare("accepted"),
  /** The reason is the note. */
  bare("not_accepted"),
  withData("assigned", z.object({ unitId: UnitIdSchema })),
  /** `fromUnitId` is null when the case was with no unit. */
  withData("reassigned", z.object({ fromUnitId: UnitIdSchema.nullable(), toUnitId: UnitIdSchema })),
  bare("started"),
  /**
   * A unit's 办理进展 for the citizen; the note is the text they were sent. Data only when the
   * unit attached photos (null otherwise, as on every entry written before photos).
   */
  withData("progress", z.object({ photoIds: PhotoIdsSchema }).nullable()),
  /** The unit that sent it back; the reason is the note. */
  withData("returned", z.object({ unitId: UnitIdSchema.nullable() })),
  /** The reason is the note. */
  withData("extended", z.object({ days: z.number().int().min(1), newDueAt: InstantSchema })),
  withData("answered", AnswerSchema),
  /**
   * `proposedUnitId`: the unit proposed to the clerks for the review (the next higher organ),
   * null when none was; absent on entries written before reviews had proposals.
   */
  withData(
    "review_requested",
    z.object({
      stage: z.union([z.literal(1), z.literal(2)]),
      proposedUnitId: UnitIdSchema.nullable().optional(),
    }),
  ),
  withData("review_answered", AnswerSchema),
  bare("closed"),
  withData("merged", z.object({ intoTrackingNo: TrackingNoSchema })),
  /** On the case another one was merged into: the duplicate's tracking number. */
  withData("merged_from", z.object({ fromTrackingNo: TrackingNoSchema })),
  bare("withdrawn"),
  /**
   * 补充: the citizen's words added to the running case, as they wrote them. Data, not the
   * note: every reader shows them on purpose (masked for a unit), none by a note's default.
   */
  withData("supplemented", WORDS_AND_PHOTOS),
  /**
   * 催办: the citizen urged the running case on; `ordinal` its count (第 N 次催办), at most one a
   * Shanghai day. Words sent with the urge are the `supplemented` entry written with it.
   */
  withData("urged", z.object({ ordinal: z.number().int().min(1) })),
  /**
   * The citizen gave a new phone number to be called on about the running case (电话换了). The
   * number is the case's contact, never in the history: it names no one to whoever reads it.
   */
  bare("contact_changed"),
  /**
   * The case became urgent (isEmergency): queued first, a shorter target. `cause` "supplement":
   * the citizen's addition told of an immediate danger (`hazards`, as the intake's hazard reader
   * names them); "clerk": a clerk marked a danger the reader missed, the reason is the note.
   */
  withData(
    "made_urgent",
    z.discriminatedUnion("cause", [
      z.object({ cause: z.literal("supplement"), hazards: z.array(z.string().min(1)).min(1) }),
      z.object({ cause: z.literal("clerk") }),
    ]),
  ),
  /**
   * The citizen's addition told of more people or households than the case spoke for (群体诉求,
   * "现在又多了二十多户"): `from` the group before (null: none), `to` the group it speaks for now.
   */
  withData(
    "group_grown",
    z.object({ from: GroupComplaintSchema.nullable(), to: GroupComplaintSchema }),
  ),
  /** A clerk lifted the urgency of a false alarm ("邻居做饭的味道"); the reason is the note. */
  bare("urgency_lifted"),
  withData("rated", z.object({ solved: z.boolean(), satisfaction: SatisfactionSchema })),
  /**
   * The citizen asked whether the unrated answer solved their problem: the day after the day it
   * promised (`promisedBy`), or, without one, a week after it (answer-follow-up.ts).
   */
  withData("answer_followed_up", z.object({ promisedBy: LocalDateSchema.optional() })),
  /**
   * The citizen's words about the answer, typed where its satisfaction was asked instead of a
   * button ("他们根本没来俺家看过"), as they wrote them, or the photos they sent there (the lamp
   * still dark): kept on the case at once, whether or not a rating follows. Data, as an
   * addition's words and photos.
   */
  withData("answer_commented", WORDS_AND_PHOTOS),
  withData(
    "recategorized",
    z.object({
      fromCategory: z.string().min(1),
      toCategory: z.string().min(1),
      fromClass: CaseClassSchema,
      toClass: CaseClassSchema,
    }),
  ),
  withData("reclassified", z.object({ from: CaseClassSchema, to: CaseClassSchema })),
  /** A clerk corrected the region; `proposedUnitId`: the unit proposed again, null when the case was already routed. */
  withData(
    "region_changed",
    z.object({
      fromRegion: z.string().min(1).nullable(),
      toRegion: z.string().min(1),
      proposedUnitId: UnitIdSchema.nullable(),
    }),
  ),
  withData("reminded", z.object({ clock: ClockSchema })),
  withData("escalated", z.object({ clock: ClockSchema, overdueDays: z.number().int().min(0) })),
  /**
   * A citizen joined the case (附议) instead of filing it again; `supporters`: how many have,
   * this one included. Who joined is kept with the supporters (CaseSupporter), never here.
   */
  withData("supported", z.object({ supporters: z.number().int().min(1) })),
  /** A supporter withdrew their support (撤回附议); `supporters`: how many are left. */
  withData("support_withdrawn", z.object({ supporters: z.number().int().min(0) })),
  /** Too many wrong query codes on the status page: the citizen was sent a new one. */
  withData("query_code_reset", z.object({ wrongCodes: z.number().int().min(1) })),
]);

/** What happened, with its facts: `{ kind, data }`. */
export type TimelineFact = z.output<typeof TimelineFactSchema>;
/** The photos a unit attached to an entry (its answer or progress report); [] for any other. */
export function photoIdsOf(fact: TimelineFact): readonly string[] {
  switch (fact.kind) {
    case "progress":
      return fact.data?.photoIds ?? [];
    case "answered":
    case "review_answered":
      return fact.data.photoIds ?? [];
    default:
      return [];
  }
}

/** The kinds that carry no data. */
export type BareTimelineKind = Extract<TimelineFact, { data: null }>["kind"];

export type TimelineEntry = TimelineFact & {
  readonly actor: { readonly kind: ActorKind; readonly id: string };
  readonly at: Date;
  /** Words a person wrote (a reason, a progress note); null when there are none. */
  readonly note: string | null;
  readonly fromStatus: CaseStatus;
  /** Equal to `fromStatus` when the entry does not move the case. */
  readonly toStatus: CaseStatus;
};
