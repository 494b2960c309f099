/**
 * The shape of every message catalogue: one entry per citizen-facing text, each a
 * function of its typed parameters. A catalogue (zh.ts, en.ts) must implement all of it,
 * so a text missing in one language is a type error, not a blank message.
 */
import type { Directory } from "../domain/directory.ts";
import type { GroupComplaint } from "../domain/group-complaint.ts";
import type { NumberHolder } from "../domain/holder-relations.ts";
import type { HazardKind } from "../domain/intake/emergency.ts";
import type { UnsupportedKind } from "../domain/intake/events.ts";
import type { VoiceRefusal } from "../domain/intake/events.ts";
import type {
  CitizenAnswer,
  CitizenContact,
  CitizenCaseStatus,
  CitizenTimelineKind,
  ReviewRequest,
} from "../domain/intake/ports.ts";
import type { CaseInAnswer, ServiceAnswer } from "../domain/intake/service-questions.ts";
import type { Satisfaction, TimePrecision } from "../domain/vocabulary.ts";

export { DEFAULT_LOCALE, LOCALES, type Locale } from "../domain/locale.ts";

export type DescriptionProblemKey =
  "empty" | "no_words" | "numbers_only" | "too_short" | "too_long" | "generic";

/** Everything shown on the summary card, already resolved to words (dates as Date/ISO). */
export interface SummaryView {
  readonly description: string;
  readonly categoryName: string;
  readonly regionName: string | null;
  /** The town a shared location lies in, when its coordinates decided the region. */
  readonly town: string | null;
  readonly address: string | null;
  /** The address names the region itself, so the region is not written again. */
  readonly regionInAddress: boolean;
  readonly hasLocation: boolean;
  /**
   * Null when the citizen did not remember; `date` null when they said when without a day
   * ("好长时间了"): their words are the time, `ongoing` when it goes on until now ("天天都这样").
   */
  readonly occurredAt:
    | {
        readonly date: string;
        readonly time: string | null;
        readonly text: string;
        /** A vague time (去年, 好几个月了): the citizen's words lead, the day is "about". */
        readonly approximate: boolean;
        /** How much of `date` the words said: it is shown no more precisely (约 2025年). */
        readonly precision: TimePrecision;
      }
    | { readonly date: null; readonly text: string; readonly ongoing: boolean }
    | null;
  readonly photoCount: number;
  readonly contact: {
    readonly name: string | null;
    readonly phone: string;
    /** Whose the number is when not the citizen's (son, 李强); null: the citizen's own. */
    readonly holder: NumberHolder | null;
  } | null;
  readonly isEmergency: boolean;
  /** A consultation (咨询): shown so, without the place's details, the time or the photos. */
  readonly consultation: boolean;
}

export interface CaseLine {
  readonly trackingNo: string;
  readonly status: CitizenCaseStatus;
  readonly categoryName: string;
  readonly submittedAt: Date;
  /** Someone else's report the citizen joined (附议). */
  readonly supported: boolean;
}

export interface CaseView extends CaseLine {
  readonly acceptanceDueAt: Date | null;
  /** The review (1: 复查, 2: 复核) it is under; null when none. */
  readonly reviewStage: 1 | 2 | null;
  /** The day the answer (or, under review, the review's opinion) is due, while awaited. */
  readonly answerDueBy: Date | null;
  readonly timeline: readonly {
    readonly at: Date;
    readonly kind: CitizenTimelineKind;
    readonly detail: string | null;
    /** Photos the citizen sent with it (an addition's; 0: none). */
    readonly photos: number;
  }[];
  /** The latest answer (the unit's, or a review's opinion), shown in full; null before one. */
  readonly answer: CitizenAnswer | null;
  /** It waits for the citizen's rating, which they may give in words. */
  readonly mayRate: boolean;
  /** The phone left with it and whose it is (shown masked); null: none shown. */
  readonly contact: CitizenContact | null;
}

/** An open case offered as maybe the same problem; no one's identity or words. */
export interface NearbyLine {
  /** 1, 2, 3: what the citizen may type to choose it. */
  readonly index: number;
  readonly categoryName: string;
  readonly place: string | null;
  readonly regionName: string | null;
  readonly submittedAt: Date;
  readonly status: CitizenCaseStatus;
  readonly supporters: number;
}

/** What became of joining a case; "not_open" when it closed since it was shown. */
export type NearbyJoinOutcome = "joined" | "already" | "own_case";

export type EditableField = "description" | "category" | "place" | "time" | "photos" | "contact";

/** The city the service is of, as the directory names it (周口市, "Zhoukou"). */
export type CityNames = Pick<Directory, "city" | "cityEn">;

/** Whether the draft asks a question (咨询) rather than reports a matter. */
export interface Consulting {
  readonly consultation: boolean;
}

export interface Catalog {
  // Welcome, menu, help
  welcome(p: CityNames): string;
  /** A group chat (not staff's) that addressed the bot: where to tell a matter instead. */
  groupChatPointer(p: { readonly botLink: string }): string;
  menuFile(): string;
  menuCases(): string;
  menuHelp(): string;
  help(): string;
  /** Help on the web page, which has no slash commands: what its status page can do. */
  pageHelp(): string;
  idleHint(): string;
  draftInProgress(): string;
  unknownCommand(p: { name: string }): string;
  unsupported(p: { kind: UnsupportedKind }): string;
  /** A file not taken whose caption was taken as the citizen's words (said before the answer). */
  unsupportedWordsKept(p: { kind: UnsupportedKind }): string;
  staleButton(): string;
  stateRecovered(): string;
  /** A question of a newer version could not be followed up; the draft is kept (see engine). */
  unknownQuestionResumed(): string;
  langPrompt(): string;
  langSet(): string;
  /** Replies switched to the language the citizen writes in; how to choose another. */
  langFollowed(p: { commands: boolean }): string;

  // Offer to start from a message outside a draft
  offerStart(p: { excerpt: string }): string;
  /** The offer to file words, beside buttons to add them to a running case instead. */
  offerStartOrAdd(p: { excerpt: string }): string;
  /** Words numbering `count` matters of different units: filed one after another on the yes. */
  offerSeveral(p: { excerpt: string; count: number }): string;
  /** A matter told with a case just filed (or one not filed before), offered on its own. */
  offerLaterMatter(p: { excerpt: string }): string;
  /** Several matters of different units told in one message: filed one by one, this first. */
  mattersSeparated(p: { count: number; first: string }): string;
  /**
   * Another matter told at a question of the draft (`photos`: sent under its words, kept with
   * it): it waits until this one is filed.
   */
  laterMatterKept(p: { matter: string; photos: number }): string;
  offerYes(): string;
  /** Words asking about a public matter: 咨询 (answered by the competent unit) or 反映. */
  offerConsultation(): string;
  offerConsult(): string;
  offerComplain(): string;
  /** The yes of offerStartOrAdd: file as a new report (not an addition). */
  offerAsNew(): string;
  /** A bare yes to offerStartOrAdd, which asks which way: its buttons, tapped or typed. */
  offerWhichWay(p: { trackingNos: readonly string[] }): string;
  offerNo(): string;
  offerDeclined(): string;
  /** A contact shared outside a draft: asked for at the end of one. */
  outsideDraft(): string;
  /** A location or photo sent before any words: kept for the matter the words will tell. */
  keptBeforeWords(p: { what: "photo" | "location" }): string;
  /** The same, sent while words wait to be filed: it goes with them. */
  keptWithOfferedWords(p: { what: "photo" | "location" }): string;

  emergency(p: { hazards: readonly HazardKind[] }): string;
  /**
   * The same danger told to another system that posted it (Open311's service_notice, which its
   * app may show the reporter): handled first, and whom to call now. One line.
   */
  emergencyNotice(p: { hazards: readonly HazardKind[] }): string;

  // Description
  askDescription(): string;
  descriptionProblem(p: { problem: DescriptionProblemKey; length: number; max: number }): string;
  descriptionAdded(): string;
  /** The same words sent again (a second tap on send): kept once. */
  descriptionHasIt(): string;
  /** The description replaced by the citizen's edit of the message it was taken from. */
  descriptionEdited(): string;
  /** The description's message was edited after its words were replaced by others: the edit wins. */
  descriptionEditedOverWords(): string;
  /** A photo message was edited to carry another picture: the new one replaced the old. */
  photoReplaced(): string;

  // Category
  /** `consultation`: the draft is a question (咨询), asked of what it is about, not reported. */
  askCategory(p: { name: string; plain: string; consultation: boolean }): string;
  categoryYes(): string;
  categoryOther(): string;
  /** The button that leaves the kind of matter to the clerk. */
  categoryUnsure(): string;
  askCategoryList(p: { reason: "weak" | "asked" | "failed"; consultation: boolean }): string;
  categoryUseButtons(): string;

  // Place and region
  /** `workplace`: the employer's site is asked (wage arrears), not where a problem is. */
  askPlace(p: { workplace: boolean }): string;
  shareLocation(): string;
  placeUnknown(): string;
  /** The button that gives the next draft the place of the case just filed. */
  placeSameAsBefore(p: { place: string }): string;
  /** That place when it was a shared point without words. */
  placeSharedBefore(): string;
  /** "同上" with no case just filed with a place. */
  noPlaceBefore(): string;
  /** A reply to "where?" that names no place ("好的", "麻烦了"): asked again, with examples. */
  placeNotNamed(): string;
  placeTooShort(): string;
  placeTooLong(p: { max: number }): string;
  /** `consultation`: a question, asked the county whose unit answers it. */
  askRegion(p: {
    because: "location" | "address" | "description" | "unknown" | "consultation";
  }): string;
  /** The one question for the street or landmark when only a district or town is known. */
  askStreet(p: { area: string | null; workplace: boolean }): string;
  /** After an answer that names no place the staff could find ("俺家门口"). */
  askStreetAgain(p: { area: string | null }): string;
  /** Where said only by the citizen's home ("就在我家门口"): the home's address, asked once. */
  askHomeAddress(p: { area: string | null }): string;
  streetSkip(): string;
  /** A shared location placed in a region (coordinates decided it). */
  /** `town` null: the point lies in the region but in no town's area of the places file. */
  locationPlaced(p: { region: string; town: string | null }): string;
  /** A town within its region, as a place is read ("西华县东夏亭镇"). */
  townInRegion(p: { region: string; town: string }): string;
  // Nearby reports before filing (附议)
  nearbyCases(p: { cases: readonly NearbyLine[] }): string;
  nearbySame(p: { index: number }): string;
  nearbyNotSame(): string;
  nearbyUseButtons(p: { count: number }): string;
  nearbyJoined(p: { trackingNo: string; outcome: NearbyJoinOutcome }): string;
  nearbyClosed(): string;
  nearbyJoinFailed(): string;
  regionCityWide(): string;
  /** The city level as a place: in the summary, the street question, a located point. */
  regionCityPlace(p: CityNames): string;
  /**
   * Before the county question, when the place said (`place`, an official name: 郑州市) or the
   * point shared (`place` null) is outside the city: where such a matter goes, and that one
   * concerning the city may still be filed here.
   */
  placeOutsideCity(p: CityNames & { place: string | null }): string;
  regionUnsure(): string;
  regionUseButtons(): string;
  /** The county left to the clerk; `place` the words of where kept instead, when any. */
  regionLeftToClerk(p: { place: string | null }): string;

  // Time
  askTime(): string;
  timeUnknown(): string;
  timeNotUnderstood(): string;
  /** A time of day said alone ("晚上"): which day is asked, once. */
  timeWhichDay(p: { words: string }): string;
  timeFuture(): string;
  /** A time answered where the place was asked: kept, and the place asked again. */
  timeNotedNotPlace(p: { words: string }): string;
  placeAdded(p: { words: string }): string;
  /**
   * An address the staff can find, with the citizen's own words that named no place after it
   * ("建业小区3号楼（就在我家门口）"), in the conversation's punctuation.
   */
  placeWithOwnWords(p: { place: string; words: string }): string;

  // Photos
  askPhotos(p: { max: number }): string;
  photosNone(): string;
  photosDone(): string;
  photoReceived(p: { count: number; max: number }): string;
  photoLimit(p: { max: number }): string;
  photoKept(p: { count: number }): string;
  /**
   * A photo sent with words that went with nothing a photo can join (a status question,
   * thanks, a rating not given): it is not kept, and how to report a new problem with it.
   */
  photoNotKept(): string;
  /** A photo alone after filing, beside a running case of the citizen's: its words are asked. */
  photoForAddition(): string;
  /** Photos sent with a rating of an answer, kept with it for the staff. */
  ratingPhotosKept(p: { count: number }): string;
  photosClear(): string;

  // Voice messages
  /** "I heard: … right?" under a voice message's transcript. */
  voiceHeard(p: { transcript: string }): string;
  voiceYes(): string;
  voiceRedo(): string;
  voiceSayAgain(): string;
  /** No words came from the recording (no transcription, or it failed): one line of text, or skip. */
  voiceKeptAskText(): string;
  voiceSkip(): string;
  /** No words came from the recording at a later question: type the answer, please. */
  voiceKeptTypeAnswer(): string;
  /** The description of a complaint the citizen only spoke (the recording is with the case). */
  voiceOnlyDescription(): string;
  voiceRefused(p: { reason: VoiceRefusal }): string;
  photosUseButtons(p: { count: number; max: number }): string;
  /** Photos promised for later ("等会儿让我儿子发"): they may come now, or after filing. */
  photosLater(): string;
  photosNotNeeded(): string;

  // Contact
  /** `report`: a report against officials (检举控告), whose reporter is told it stays confidential. */
  /** `consultation`: a question asked, whose anonymous choice is 匿名咨询, not 匿名反映. */
  askContact(p: { report: boolean; consultation: boolean }): string;
  shareContact(): string;
  contactAnonymous(p: Consulting): string;
  /** The button that takes the number the description gave as the contact. */
  contactUseSaid(p: { phone: string; name: string | null }): string;
  contactInvalidPhone(p: Consulting): string;
  contactNoPhone(p: Consulting): string;
  /** A contact card sent before the contact question: not kept, and why. */
  contactHasNoPhone(p: Consulting): string;
  /** A phone number sent alone before any matter: kept as the contact. */
  phoneBeforeMatter(p: { phone: string }): string;
  contactCardNotHere(): string;
  askName(p: { phone: string }): string;
  /** The button that takes the name the description introduced ("我是东关的老王") as the contact's. */
  nameUseSaid(p: { name: string }): string;
  nameSkip(): string;
  nameInvalid(): string;

  // Summary, edit, cancel, submit
  summary(p: SummaryView): string;
  summarySubmit(): string;
  summaryEdit(): string;
  summaryCancel(): string;
  summaryUseButtons(): string;
  askEditField(): string;
  fieldLabel(p: { field: EditableField }): string;
  editBack(): string;
  photosCleared(): string;
  confirmCancel(): string;
  cancelYes(): string;
  cancelNo(): string;
  /**
   * The draft cancelled. `laterMatters`: the other matters the citizen told with it, each
   * filed on its own — none; the next offered after this line; or dropped (`count` of them)
   * as the citizen's words said ("都不要了").
   */
  cancelled(p: { laterMatters: "none" | "offered" | "dropped"; count: number }): string;
  cancelAborted(): string;
  nothingToCancel(): string;
  /**
   * `commands`: a chat app (not the web page, which shows its own receipt): the words that list
   * the cases ("查进度", which WeChat citizens type) and /status with the number are told.
   */
  submitted(p: {
    trackingNo: string;
    acceptanceDueAt: Date;
    anonymous: boolean;
    commands: boolean;
    /** A hazard (open manhole, gas …): the receipt says it goes first, and where to call. */
    emergency: boolean;
    /** A report against officials: it goes to the discipline body only, the reporter kept confidential. */
    report: boolean;
    /** A consultation (咨询): its answer is due in 5 working days, in this chat. */
    consultation: boolean;
    /** Whose the contact phone is when not the citizen's: staff's calls reach them. */
    holder: NumberHolder | null;
  }): string;
  submitFailed(): string;
  alreadySubmitted(p: { trackingNo: string }): string;

  // My cases
  myCases(p: { cases: readonly CaseLine[] }): string;
  /**
   * No case of this chat: where a case filed elsewhere (by phone, in another channel) is read —
   * the status page, and on the web 我的诉求 —, and the hotline when the service has one.
   */
  myCasesEmpty(p: {
    commands: boolean;
    /** Asked while filing: the pending question follows, so no "tell me what happened". */
    filing: boolean;
    phone: string | null | undefined;
  }): string;
  /** Words about an answer ("修好了，谢谢") sent as a message: how to rate it or ask for review. */
  /** `consultation`: the answer to a question, which is rated but never reviewed. */
  feedbackOnAnswer(p: { trackingNo: string; consultation: boolean }): string;
  /** Words about an answer the citizen has rated already: no rating is asked again. */
  feedbackAfterRating(p: { trackingNo: string }): string;
  /**
   * A question of the service ("要多久才有结果", "能不能不留名字") answered with the product's
   * facts (the 条例's periods of DEADLINE_RULES), and the case it applies to when there is one.
   */
  serviceAnswer(p: ServiceAnswer): string;
  /**
   * A question of when ("还要等多久？", "咋还没人来修") about the citizen's running case: where it
   * stands, its unit (or that it has none yet) and what is due by when.
   */
  caseProgress(p: { case: CaseInAnswer }): string;
  /** A rating typed in words ("修好了，谢谢"), offered for a yes before it is stored. */
  rateOffer(p: { trackingNo: string; solved: boolean; satisfaction: Satisfaction }): string;
  rateYes(): string;
  rateNo(): string;
  rateDeclined(): string;
  /**
   * Stored; after 未解决 or 不满意 `review` is the review the case's rules offer now (复查, or 复核
   * after the 复查 opinion), its button following, as under the answer; null for none.
   */
  rated(p: { trackingNo: string; review: ReviewRequest | null }): string;
  /** The case's rules refused it: rated already, or no longer answered. */
  rateRefused(p: { trackingNo: string }): string;
  rateFailed(): string;
  reviewButton(p: { stage: ReviewRequest["stage"] }): string;
  /** Asked for in words: the review the citizen may ask of `trackingNo`'s answer, and its last day. */
  reviewOffer(p: { trackingNo: string; review: ReviewRequest }): string;
  reviewRequested(p: { trackingNo: string; stage: ReviewRequest["stage"] }): string;
  reviewRefused(): string;
  reviewFailed(): string;
  /**
   * Under a running case that may still be withdrawn (see RUNNING_CITIZEN_STATUSES). `supported`: one the
   * citizen joined (附议), of which they withdraw their support, not the case, in each text.
   */
  withdrawButton(p: { supported: boolean }): string;
  /** "Withdraw …?" with the case's kind, before anything changes. */
  withdrawAsk(p: { trackingNo: string; categoryName: string; supported: boolean }): string;
  withdrawYes(): string;
  withdrawNo(): string;
  withdrawDone(p: { trackingNo: string; supported: boolean }): string;
  withdrawKept(p: { trackingNo: string; supported: boolean }): string;
  /** The case's rules refused it: answered, finished or not the citizen's alone. */
  withdrawRefused(p: { trackingNo: string }): string;
  withdrawFailed(): string;
  /** Words asking to withdraw ("不用办了，撤了吧") with several cases that may be: which one? */
  withdrawWhich(): string;
  withdrawCaseButton(p: { trackingNo: string; categoryName: string; supported: boolean }): string;
  /** Words asking to withdraw, with no case that may still be withdrawn. */
  withdrawNothing(): string;
  /** Under a case of the citizen's own that is still running: add to it (补充). */
  supplementButton(): string;
  /** "Add these words to …?" with the words, before anything is stored. */
  supplementAsk(p: {
    trackingNo: string;
    categoryName: string;
    text: string;
    /** Photos sent with the words (0: none). */
    photos: number;
  }): string;
  /** supplementAsk for words that only add a detail, suggested without being asked. */
  supplementSuggest(p: {
    trackingNo: string;
    categoryName: string;
    text: string;
    photos: number;
  }): string;
  supplementSuggestYes(): string;
  supplementSuggestNo(): string;
  /** supplementSuggest for words that urge the case on (催办): the yes urges it. */
  urgeSuggest(p: {
    trackingNo: string;
    categoryName: string;
    text: string;
    photos: number;
  }): string;
  urgeSuggestYes(): string;
  supplementYes(): string;
  supplementNo(): string;
  /**
   * The short acknowledgement once the addition is kept with the case: `words` false when the
   * citizen added `photos` alone.
   */
  supplementDone(p: { trackingNo: string; words: boolean; photos: number }): string;
  /** Said after supplementDone when the addition told of more people: the case's group now. */
  supplementGroupGrown(p: { group: GroupComplaint }): string;
  /** The no: the words were not added (and are offered as a new matter when there are any). */
  supplementDeclined(): string;
  /** The case is no longer running (answered, closed, withdrawn) or not the citizen's own. */
  supplementRefused(p: { trackingNo: string }): string;
  supplementFailed(): string;
  /**
   * 催办 done: `ordinal` which urge of the case it was (第 N 次), null when it was urged today
   * already (then not counted again); `words`: what the citizen said was added with it.
   */
  urgeDone(p: { trackingNo: string; ordinal: number | null; words: boolean }): string;
  /** The case can no longer be urged on (answered, closed, withdrawn) or is not the citizen's own. */
  urgeRefused(p: { trackingNo: string }): string;
  /** Asked to add, the words not said yet; `photos` sent already (0: none). */
  supplementWordsAsk(p: { trackingNo: string; photos: number }): string;
  /** Beside the words asked for photos sent: add the photos alone, without words. */
  supplementPhotosOnly(p: { photos: number }): string;
  /** Asked to add, with several running cases: to which? */
  supplementWhich(): string;
  supplementCaseButton(p: { trackingNo: string; categoryName: string }): string;
  /** Asked to add, with no running case of the citizen's own. */
  supplementNothing(): string;
  /**
   * A new phone number (电话换了) for the citizen's running cases of their own, newest first
   * (one or several), before anything changes; `phone` shown masked (137****5678).
   */
  phoneAsk(p: { trackingNos: readonly string[]; phone: string }): string;
  phoneYes(): string;
  phoneNo(): string;
  /** The cases whose number was changed. */
  phoneDone(p: { trackingNos: readonly string[]; phone: string }): string;
  /** The no: the cases keep the number they have. */
  phoneKept(): string;
  /** The cases' rules refused it: answered, finished or withdrawn since the question. */
  phoneRefused(p: { trackingNos: readonly string[] }): string;
  /** The storage failed: these cases keep the number they have. */
  phoneFailed(p: { trackingNos: readonly string[] }): string;
  /** A new number said inside a draft: the draft's contact from now on (`phone` masked). */
  phoneTakenForDraft(p: { phone: string }): string;
  /** A new number with no running case of the citizen's own: nothing to change. */
  phoneNothing(): string;
  /**
   * After 未解决 or 不满意, by the buttons under the answer or in words: what was wrong (the
   * citizen's next message is kept as the rating's reason).
   */
  ratingReasonAsk(p: { trackingNo: string }): string;
  ratingReasonThanks(): string;
  /** After a negative rating in words that also said what was wrong: those words are its reason. */
  ratingReasonTaken(): string;
  /** After the reason's thanks, when it also reads as a new matter: the offer to file it follows. */
  reasonMayBeNewMatter(): string;
  /**
   * Short words that a problem is back ("路灯又坏了") from a citizen whose latest case is
   * answered: is it that case not solved, or a new matter? With the two buttons' labels.
   */
  againAsk(p: { trackingNo: string }): string;
  againOld(p: { trackingNo: string }): string;
  againNew(): string;
  ratingReasonFailed(): string;
  /** "等20号再说吧" under an answer: rating it later, and how. */
  ratingLater(p: { trackingNo: string }): string;
  /** Thanks said alone ("谢谢你们") with no answer to rate: acknowledged, nothing filed. */
  earlierReportNotHere(): string;
  thanksAcknowledged(): string;
  /** "在吗", "你好" with no draft: someone is here, and how to begin. */
  greetingAnswer(): string;
  /** "等一下", "我想想": the service waits; `filing`: the draft's question waits, kept as it is. */
  waiting(p: { filing: boolean }): string;
  casesUnavailable(): string;
  statusUsage(): string;
  /** `commands`: the surface takes slash commands (a chat app), else its buttons are named. */
  statusNotFound(p: { trackingNo: string; commands: boolean }): string;
  caseDetail(p: CaseView): string;
  caseButton(p: { trackingNo: string }): string;

  // Web chat and status page
  /** The line the web chat adds to the receipt: the code for the status page. */
  webQueryCode(p: { trackingNo: string; queryCode: string }): string;
  statusName(p: { status: CitizenCaseStatus }): string;
  timelineName(p: { kind: CitizenTimelineKind }): string;
  /**
   * What an entry says after its name: its detail, and the photos sent with it (an addition's;
   * 0: none); "" for neither. Photos without a detail were sent without words, and say so.
   */
  timelineWords(p: { detail: string | null; photos: number }): string;
}

export type MessageKey = keyof Catalog;
