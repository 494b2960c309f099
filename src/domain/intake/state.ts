import { z } from "zod";
import { DETECTED_LANGUAGES } from "../classification.ts";
import { holderRelationOf } from "../holder-relations.ts";
import { ExplanationSchema } from "../routing-explanation.ts";
import { PLACE_PRECISIONS } from "../places/place-text.ts";
import {
  CLASSIFICATION_METHODS,
  REQUEST_KINDS,
  SATISFACTIONS,
  TIME_PRECISIONS,
} from "../vocabulary.ts";
import { CITIZEN_CASE_STATUSES } from "./ports.ts";
import { DEFAULT_LOCALE, LOCALES } from "../../i18n/catalog.ts";
import type { Locale } from "../../i18n/catalog.ts";

/**
 * Bumped when the stored shape changes incompatibly (a field renamed or its meaning changed):
 * older states are then migrated or reset. Not bumped for an added field with a default, nor
 * for a new pending kind: this version reads older states as they are, and an instance that
 * does not know a pending kind (an older one running alongside a newer one) drops that question
 * alone and keeps the rest (see {@link restoreDialogueState}). A bump would not spare an older
 * instance anything: a version it does not know resets the dialogue all the same.
 */
export const DIALOGUE_STATE_SCHEMA_VERSION = 1;

/** At most this many photo messages are remembered for an edit of their picture. */
export const MAX_PHOTO_MESSAGES = 20;

/** At most this many photos per complaint. */
export const MAX_PHOTOS = 5;
/** At most this many voice recordings kept per complaint. */
export const MAX_RECORDINGS = 10;
/** Most of the citizen's running cases offered to choose from at once (to withdraw, to add to). */
export const MAX_OFFERED_CASES = 5;

/** Most running cases whose phone number one question changes (as many as a case list shows). */
export const MAX_PHONE_CASES = 20;

/** Most matters one message is read as (more are one long story, kept whole; matters.ts). */
export const MAX_MATTERS = 4;

/** Most running cases offered to add to beside the offer to file words (more would bury it). */
export const MAX_ADDITION_OFFERS = 2;

export const LocaleSchema = z.enum(LOCALES);

/**
 * Where the conversation stands. "idle": no draft. The draft steps are asked in this
 * order, skipping what is already known: description → category (category_list when the
 * citizen picks from the list) → place → region → street (when only a district or town is
 * known) → nearby (open cases of the same problem there, when there are any) → time → photos → contact (contact_name)
 * → summary (edit when choosing a field to change).
 */
export const StepSchema = z.enum([
  "idle",
  "description",
  "category",
  "category_list",
  "place",
  "region",
  "street",
  "nearby",
  "time",
  "photos",
  "contact",
  "contact_name",
  "summary",
  "edit",
]);
export type Step = z.infer<typeof StepSchema>;

const SingleClassificationSchema = z.object({
  category: z.string(),
  confidence: z.number(),
  alternatives: z.array(z.object({ category: z.string(), confidence: z.number() })),
  region: z.string().nullable(),
  // Drafts stored before explanations were facts kept a text instead: it is dropped, and the
  // description is classified again at filing (every classifier's answer has facts).
  explanation: ExplanationSchema.default([]),
  method: z.enum(CLASSIFICATION_METHODS),
  // Defaults for drafts stored before classifications carried them.
  unsure: z.boolean().default(false),
  language: z.enum(DETECTED_LANGUAGES).default("zh"),
});
const ClassificationSchema = SingleClassificationSchema.extend({
  offline: SingleClassificationSchema.optional(),
});

export const OccurredAtSchema = z.object({
  text: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  partBegins: z.number().int().min(0).max(24).optional(),
  approximate: z.boolean(),
  // Drafts stored before the precision was kept read as a day, as they were shown.
  precision: z.enum(TIME_PRECISIONS).default("day"),
});

/** Whose a contact number is when not the citizen's own (NumberHolder). */
const HolderSchema = z.object({
  // A code of HOLDER_RELATIONS; drafts stored before the codes kept the word said (儿子).
  relation: z.string().min(1).transform(holderRelationOf),
  name: z.string().nullable(),
});

const ContactSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("anonymous") }),
  z.object({
    kind: z.literal("named"),
    phone: z.string().min(1),
    /** The citizen's own name; never the holder's. */
    name: z.string().nullable(),
    /**
     * Whose the number is when not the citizen's ("打俺儿子电话…，他叫李强": 儿子, 李强), for the
     * caller to ask for; absent: the citizen's own.
     */
    holder: HolderSchema.optional(),
  }),
]);

/** An open case offered as maybe the same problem (what the citizen may see of it). */
const NearbyOfferSchema = z.object({
  trackingNo: z.string(),
  category: z.string(),
  /** The street or landmark words of its address (no house numbers beyond them), or null. */
  place: z.string().nullable(),
  region: z.string().nullable(),
  submittedAt: z.iso.datetime(),
  status: z.enum(CITIZEN_CASE_STATUSES),
  supporters: z.number().int().nonnegative(),
});
export type NearbyOffer = z.infer<typeof NearbyOfferSchema>;

/** The complaint being written. Null fields are still to be asked. */
const DraftRegionSchema = z.object({
  code: z.string().nullable(),
  source: z.enum(["description", "address", "citizen", "coordinates"]),
  /**
   * The town (乡镇/街道) of the region, by its official name: the one the words named (the
   * street is asked within it, "具体在西华县东夏亭镇哪条路…"), or the one whose area holds the
   * shared point (the summary names it, "川汇区七一路街道，已发送位置"). Null: none known.
   */
  town: z.string().min(1).nullable().default(null),
});

const PointSchema = z.object({ latitude: z.number(), longitude: z.number() });
const PlacePrecisionSchema = z.enum(PLACE_PRECISIONS);

const DraftFieldsSchema = z.object({
  /** 1 for the citizen's first draft, then 2, 3…; button ids carry it (see choice-id.ts). */
  no: z.number().int().positive(),
  startedAt: z.iso.datetime(),
  description: z.string().nullable(),
  /**
   * The channel's id of the message the description was taken from, while the description is
   * that message's words alone (null once words were added to it): an edit of that message
   * replaces the description.
   */
  descriptionMessageId: z.string().nullable().default(null),
  /**
   * Words too few to describe the matter alone ("路不平"), kept while more are asked for: the
   * next words complete them, nothing the citizen said is lost.
   */
  descriptionStart: z.string().nullable().default(null),
  /**
   * The channel's id of the message the description was taken from before the citizen
   * replaced it with other words (描述改成…): an edit of that message, coming later, replaces
   * them in turn (the later change wins).
   */
  correctedMessageId: z.string().nullable().default(null),
  /** The classifier's answer for the description; null before it or when it failed. */
  classification: ClassificationSchema.nullable(),
  /** Category code the citizen confirmed or picked. */
  category: z.string().nullable(),
  /**
   * A complaint to put right (反映), or a question to be answered (咨询: asks only the region and
   * the contact — no place, time or photos; drafts stored before read as complaints).
   */
  requestKind: z.enum(REQUEST_KINDS).default("complaint"),
  /** True when the citizen left the kind to the clerk (其他 / 不确定): `category` is 其他 then. */
  categoryLeftToClerk: z.boolean().default(false),
  /** The street, landmark or address as the citizen gave it (or as the description names it). */
  address: z.string().nullable(),
  location: PointSchema.nullable(),
  /** How precisely `address` says where (place-text.ts); "none" without one. */
  placePrecision: PlacePrecisionSchema.default("none"),
  /** True once the street or landmark was asked for (it is asked at most once). */
  streetAsked: z.boolean().default(false),
  /**
   * True when the answer to the street question names no place the staff could find
   * ("俺家门口"): the question is asked once more, asking for the road, compound or village.
   */
  streetVague: z.boolean().default(false),
  /**
   * True once a reply to the place question named no place at all ("好的", "麻烦了", "你们看着办
   * 吧"): it was asked again, and a second such reply goes on without the place, as "说不清具体地址"
   * does.
   */
  placeAskedAgain: z.boolean().default(false),
  /**
   * True once a reply to the county question named neither a county nor a place: it was asked
   * again, and a second such reply leaves the county to the clerk.
   */
  regionAskedAgain: z.boolean().default(false),
  /**
   * True when the description itself says where (an address), so the place is not asked;
   * false again once the citizen types an address.
   */
  placeInDescription: z.boolean(),
  /**
   * Where in the city the matter is: the region, its town, and what decided them (`source`: the
   * citizen's words — the description, a typed address, the answer to the county question or
   * its buttons — or the coordinates of a shared location). Null: not decided yet. `code: null`:
   * the citizen does not know (the clerk decides).
   */
  region: DraftRegionSchema.nullable(),
  /**
   * Null: not asked yet; `{ unknown: true }`: no day is known — the citizen does not remember,
   * or said when without a day ("好长时间了", "打我搬来就这样", "半夜两三点"), their words kept
   * as `text` (absent in states stored before such words were kept), `ongoing` when it goes on
   * again and again until now ("天天都这样").
   */
  occurredAt: z
    .union([
      OccurredAtSchema,
      z.object({
        unknown: z.literal(true),
        text: z.string().min(1).optional(),
        ongoing: z.literal(true).optional(),
      }),
    ])
    .nullable(),
  photos: z.array(z.string()).max(MAX_PHOTOS),
  photosDone: z.boolean(),
  /** Voice recordings the citizen sent (kept file ids), attached to the case for staff. */
  recordings: z.array(z.string()).max(MAX_RECORDINGS).default([]),
  contact: ContactSchema.nullable(),
  isEmergency: z.boolean(),
  /**
   * Open cases of the same problem nearby, offered to join instead of filing: null until
   * looked up (once the place is known), empty when there are none or the citizen files anyway.
   */
  nearby: z.array(NearbyOfferSchema).nullable().default(null),
});

/**
 * Drafts stored before the town went into the region kept the town the words named beside it
 * (`draft.town`): it is read into the region it belongs to, unless that region came from a
 * shared point (whose own town the region kept already).
 */
function townMovedIntoRegion(stored: unknown): unknown {
  if (typeof stored !== "object" || stored === null || !("town" in stored)) return stored;
  const { town, ...draft } = stored as { town: unknown; region?: unknown };
  const region = draft.region;
  if (typeof town !== "string" || typeof region !== "object" || region === null) return draft;
  if ("source" in region && region.source === "coordinates") return draft;
  return { ...draft, region: { ...region, town } };
}

export const DraftSchema = z.preprocess(townMovedIntoRegion, DraftFieldsSchema);
export type Draft = z.infer<typeof DraftSchema>;

/**
 * One sitting of a citizen's: what they sent or filed this long ago goes with what they say now
 * (a location sent before the words, the place of the case just filed), not with a matter told
 * days later somewhere else.
 */
export const SITTING_MINUTES = 60;

/** Whether `at` (an ISO instant) lies within the sitting that `now` is in. */
export function inSitting(at: string, now: Date): boolean {
  return now.getTime() - Date.parse(at) <= SITTING_MINUTES * 60_000;
}

const SentBeforeWordsSchema = z.object({
  /** When the first of them was sent. */
  at: z.iso.datetime(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      /** The place's name the channel sent with the point (WeCom, Telegram venues). */
      placeName: z.string().nullable(),
    })
    .nullable(),
  photos: z.array(z.string()).max(MAX_PHOTOS),
});
export type SentBeforeWords = z.infer<typeof SentBeforeWordsSchema>;

/**
 * Where the case just filed is: offered at the next draft's place question ("还是刚才那个地方")
 * within the sitting ({@link SITTING_MINUTES}), the matters of which are often of one place.
 */
const LastPlaceSchema = z.object({
  /** When that case was filed. */
  at: z.iso.datetime(),
  address: z.string().nullable(),
  location: PointSchema.nullable(),
  region: DraftRegionSchema,
  placePrecision: PlacePrecisionSchema,
});
export type LastPlace = z.infer<typeof LastPlaceSchema>;

/** A case of the citizen's named in a question to them: its number and category. */
const CaseRefSchema = z.object({ trackingNo: z.string(), category: z.string() });
export type CaseRef = z.infer<typeof CaseRefSchema>;

/** A question waiting for a yes/no that does not move the step. */
export const PendingSchema = z.discriminatedUnion("kind", [
  /**
   * "Really cancel?" — the draft stays untouched until the citizen confirms. `all`: the words
   * asked to drop the matters waiting after it too ("都不要了"); else the next is offered.
   */
  z.object({ kind: z.literal("cancel"), all: z.boolean().optional() }),
  /** A message that came outside a draft, offered as the description of a new one. */
  z.object({
    kind: z.literal("offer"),
    text: z.string(),
    /** The channel's id of the message the words came from, when they are one message's. */
    messageId: z.string().optional(),
    /** Recordings the offered words came from (kept with the draft when it starts). */
    recordings: z.array(z.string()).max(MAX_RECORDINGS).optional(),
    /** Photos sent with the offered words (kept with the draft when it starts). */
    photos: z.array(z.string()).max(MAX_PHOTOS).optional(),
    /**
     * The citizen's own running cases (newest first) the words may add to (补充), offered
     * beside filing them: "今晚又跳到十一点" after filing the square-dance noise is more often
     * the same matter than a new one.
     */
    addTo: z.array(CaseRefSchema).max(MAX_ADDITION_OFFERS).optional(),
    /** The words are a matter told with a case just filed (matters.ts), not words typed now. */
    laterMatter: z.literal(true).optional(),
    /** The words ask about a public matter (consultation-words.ts): 咨询 or 反映 is asked. */
    consultation: z.literal(true).optional(),
    /**
     * The matters the words number, of different categories, when more than one, as read when
     * offered (matters.ts: each as its case's description, in the order told): filed one after
     * another if the citizen says yes, without reading them again, and the offer says how many.
     * Offers stored before the matters were kept here have their count alone: their words are
     * read again when the draft starts.
     */
    matters: z
      .union([
        z.array(z.string()).min(2).max(MAX_MATTERS),
        z.number().int().min(2).max(MAX_MATTERS),
      ])
      .optional(),
  }),
  /** "I heard: … right?" — a voice message's transcript waits for the citizen's yes. */
  z.object({ kind: z.literal("voice"), transcript: z.string(), recordingId: z.string() }),
  /** "Rate the answer to … as 满意?" — a rating the citizen typed waits for their yes. */
  z.object({
    kind: z.literal("rate"),
    trackingNo: z.string(),
    solved: z.boolean(),
    satisfaction: z.enum(SATISFACTIONS),
    /** Photos sent with the words (kept with the rating, as evidence, once it is given). */
    photos: z.array(z.string()).max(MAX_PHOTOS).optional(),
    /**
     * The words, when they say more than the rating: kept with it — what was wrong, instead of
     * asking it, or what was good, as its remark.
     */
    reason: z.string().optional(),
  }),
  /** "What was not solved?" after a negative rating: the next words are its reason. */
  z.object({ kind: z.literal("reason"), trackingNo: z.string(), askedAt: z.iso.datetime() }),
  /**
   * "Is it no. … not solved, or a new matter?" — short words that the problem is back
   * ("路灯又坏了") from a citizen whose latest case is answered: `text` is filed if new.
   */
  z.object({
    kind: z.literal("again"),
    trackingNo: z.string(),
    text: z.string(),
    /** Photos sent with the words (kept with the draft when they are a new matter). */
    photos: z.array(z.string()).max(MAX_PHOTOS).optional(),
  }),
  /** "Withdraw no. …? It will not be handled further." — waits for the citizen's yes. */
  z.object({
    kind: z.literal("withdraw"),
    trackingNo: z.string(),
    category: z.string(),
    /** A case the citizen joined (附议): their support is withdrawn, not the case. */
    supported: z.boolean().optional(),
  }),
  /**
   * 补充: words to add to a running case of the citizen's own. `cases`: the one asked about, or
   * several to choose from (newest first); `text`: the words, null until they are said.
   * Nothing is stored before the citizen's yes.
   */
  z.object({
    kind: z.literal("supplement"),
    cases: z.array(CaseRefSchema).min(1).max(MAX_OFFERED_CASES),
    text: z.string().nullable(),
    /** Photos sent with the words or while asked (kept with the case only on the citizen's yes). */
    photos: z.array(z.string()).max(MAX_PHOTOS).optional(),
    /**
     * Suggested unasked, for words after filing that only add a detail ("对了 是楼上602的"):
     * the no says they are a new matter, and filing starts with them at once.
     */
    suggested: z.boolean().optional(),
  }),
  /**
   * "要把您正在办理的事（编号 …）的联系电话改成 137****5678 吗？" — the citizen's new phone
   * number (`phone`, canonical; a relative's when `holder` says whose) for all their own running
   * cases (newest first), changed on their yes only.
   */
  z.object({
    kind: z.literal("phone"),
    phone: z.string().min(1),
    holder: HolderSchema.optional(),
    trackingNos: z.array(z.string()).min(1).max(MAX_PHONE_CASES),
  }),
]);
export type Pending = z.infer<typeof PendingSchema>;

/** A matter waiting for a case of its own: its words, and the photos sent under them. */
const LaterMatterSchema = z.object({
  text: z.string(),
  photos: z.array(z.string()).max(MAX_PHOTOS),
});
export type LaterMatter = z.infer<typeof LaterMatterSchema>;

/**
 * States stored before the matters waiting were one list kept each one's words alone
 * (`laterMatters: string[]`) and, beside them, its photos by those words (`laterMatterPhotos`):
 * each matter is read with its photos. The same words waiting twice had one entry there, which
 * the first of them to be offered took: so they are read.
 */
function laterMattersWithTheirPhotos(stored: unknown): unknown {
  if (typeof stored !== "object" || stored === null) return stored;
  const { laterMatterPhotos, ...state } = stored as Record<string, unknown>;
  if (!Array.isArray(state.laterMatters)) return state;
  const photos: Record<string, unknown> =
    typeof laterMatterPhotos === "object" && laterMatterPhotos !== null
      ? { ...laterMatterPhotos }
      : {};
  const withPhotos = (matter: unknown): unknown => {
    if (typeof matter !== "string") return matter;
    const its = Object.hasOwn(photos, matter) ? photos[matter] : [];
    delete photos[matter];
    return { text: matter, photos: its };
  };
  return { ...state, laterMatters: state.laterMatters.map(withPhotos) };
}

/**
 * Everything the engine remembers about one citizen's conversation. JSON-serialisable;
 * storage keeps it after every step and compares `version` to detect a concurrent write
 * (optimistic concurrency): every `handle` returns `version + 1`.
 */
const DialogueStateFieldsSchema = z
  .object({
    schema: z.literal(DIALOGUE_STATE_SCHEMA_VERSION),
    version: z.number().int().nonnegative(),
    /** Whose conversation this is, e.g. "telegram:123456"; passed to the case ports. */
    citizenRef: z.string().min(1),
    locale: LocaleSchema,
    /** True once the citizen chose a language (/lang, its buttons): replies then keep to it. */
    localeChosen: z.boolean().default(false),
    step: StepSchema,
    draft: DraftSchema.nullable(),
    pending: PendingSchema.nullable(),
    /** How many drafts were started so far (the next draft is `draftCount + 1`). */
    draftCount: z.number().int().nonnegative(),
    /** The last submission, so a second tap on an old "submit" button can say so. */
    lastSubmitted: z.object({ draftNo: z.number().int(), trackingNo: z.string() }).nullable(),
    /**
     * The photo each recent photo message brought, by the channel's message id (at most
     * {@link MAX_PHOTO_MESSAGES}, oldest dropped): an edit that puts another picture in the
     * message replaces that photo where it is still kept.
     */
    photoMessages: z.record(z.string(), z.string()).default({}),
    /**
     * Matters told in the same message as the draft's own, or at its questions, and of other
     * categories, each to be filed as a case of its own (matters.ts): offered one by one after
     * the draft is submitted, each with the photos sent under its words.
     */
    laterMatters: z.array(LaterMatterSchema).max(MAX_MATTERS).default([]),
    /**
     * A location or photos sent before any words, outside a draft: kept for the draft the words
     * start (draft-lifecycle.ts), so that nothing is sent twice; forgotten after the sitting
     * ({@link SITTING_MINUTES}) or when the words are not filed.
     */
    sentBeforeWords: SentBeforeWordsSchema.nullable().default(null),
    /** Where the case just filed is, for the next draft's place question (see LastPlaceSchema). */
    lastPlace: LastPlaceSchema.nullable().default(null),
  })
  .refine((s) => (s.step === "idle") === (s.draft === null), {
    message: "a draft exists exactly when the step is not idle",
  });

export const DialogueStateSchema = z.preprocess(
  laterMattersWithTheirPhotos,
  DialogueStateFieldsSchema,
);
export type DialogueState = z.infer<typeof DialogueStateSchema>;

/** A fresh conversation: no draft, default language Chinese. */
export function createDialogueState(
  citizenRef: string,
  locale: Locale = DEFAULT_LOCALE,
): DialogueState {
  return {
    schema: DIALOGUE_STATE_SCHEMA_VERSION,
    version: 0,
    citizenRef,
    locale,
    localeChosen: false,
    step: "idle",
    draft: null,
    pending: null,
    draftCount: 0,
    lastSubmitted: null,
    photoMessages: {},
    laterMatters: [],
    sentBeforeWords: null,
    lastPlace: null,
  };
}

/** A state loaded from storage, as this version reads it (see {@link restoreDialogueState}). */
export interface RestoredDialogue {
  readonly state: DialogueState;
  /** True when the stored state was unusable and a fresh one replaced it (apologise). */
  readonly recovered: boolean;
  /**
   * The kind of the stored pending question when this version does not know it (a newer
   * instance's, running alongside) and dropped it; null otherwise. The citizen's next words
   * answer that question, not the draft's.
   */
  readonly unknownPendingKind: string | null;
}

/**
 * Validates a state loaded from storage. A pending question of a kind this version does not
 * know (stored by a newer instance running alongside) is dropped alone: the draft and the rest
 * are kept, and `unknownPendingKind` names it. Any other corrupt or unknown state becomes a
 * fresh state (keeping the language when it can be read, and a version above the stored one
 * so the next save still wins), with `recovered: true` so the caller sends the apology
 * (`t(locale, "stateRecovered")`, or `engine.recoveryReplies`).
 */
export function restoreDialogueState(stored: unknown, citizenRef: string): RestoredDialogue {
  if (stored === null || stored === undefined) {
    return { state: createDialogueState(citizenRef), recovered: false, unknownPendingKind: null };
  }
  const parsed = DialogueStateSchema.safeParse(stored);
  if (parsed.success && parsed.data.citizenRef === citizenRef) {
    return { state: parsed.data, recovered: false, unknownPendingKind: null };
  }
  const withoutPending = unknownPendingDropped(stored);
  if (withoutPending?.state.citizenRef === citizenRef) {
    return { ...withoutPending, recovered: false };
  }
  const version = z
    .object({ version: z.number().int().nonnegative().catch(0) })
    .catch({ version: 0 })
    .parse(stored).version;
  return {
    state: { ...createDialogueState(citizenRef, storedLocale(stored)), version },
    recovered: true,
    unknownPendingKind: null,
  };
}

/** The pending question's kind as stored, for the log: an identifier of ours, never words. */
const StoredPendingKindSchema = z
  .object({ kind: z.string().max(64) })
  .transform(({ kind }) => kind)
  .catch("unreadable");

/** The stored state without its pending question, when that alone kept it from being read. */
function unknownPendingDropped(
  stored: unknown,
): { state: DialogueState; unknownPendingKind: string } | null {
  if (typeof stored !== "object" || stored === null || !("pending" in stored)) return null;
  if (stored.pending === null || PendingSchema.safeParse(stored.pending).success) return null;
  const parsed = DialogueStateSchema.safeParse({ ...stored, pending: null });
  if (!parsed.success) return null;
  return {
    state: parsed.data,
    unknownPendingKind: StoredPendingKindSchema.parse(stored.pending),
  };
}

/**
 * The language of a state loaded from storage, as {@link restoreDialogueState} would give it,
 * without validating the rest: the stored one when it is a known locale (a valid state's is),
 * else the default.
 */
export function storedLocale(stored: unknown): Locale {
  const locale =
    typeof stored === "object" && stored !== null && "locale" in stored ? stored.locale : null;
  return LOCALES.find((known) => known === locale) ?? DEFAULT_LOCALE;
}
