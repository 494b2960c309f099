/**
 * The intake conversation, written once for every channel. `handle` takes the stored
 * state and one citizen event and returns the next state and the messages to send.
 * Deterministic given (state, event, now, deps): no clock, no randomness, no module state.
 */
import type { Classification } from "../classification.ts";
import type { Directory } from "../directory.ts";
import { FALLBACK_CATEGORY } from "../routing.ts";
import type { RegionDecision } from "../routing-explanation.ts";
import type { PlaceLocator } from "../places/locate.ts";
import {
  addressAsSaid,
  createPlaceReader,
  type PlaceReader,
  type PlaceWord,
} from "../places/place-text.ts";
import type { CaseLine, Locale, MessageKey, Catalog } from "../../i18n/catalog.ts";
import { LOCALES } from "../../i18n/catalog.ts";
import { excerpt } from "../../i18n/format.ts";
import { t } from "../../i18n/t.ts";
import { LEAVE_TO_CLERK, draftChoice, globalChoice, parseChoiceId } from "./choice-id.ts";
import type { ParsedChoice } from "./choice-id.ts";
import { detectHazards } from "./emergency.ts";
import { editSaid, type EditSaid } from "./edit-words.ts";
import type { CitizenEvent } from "./events.ts";
import { parseCommand } from "./events.ts";
import {
  beijingDateString,
  isUnknownTimeAnswer,
  occurredAtParser,
  type OccurredAt,
  undatedTimeAnswer,
  type TimeParser,
} from "./occurred-at.ts";
import {
  addressedAs,
  chinesePhoneParser,
  nameInText,
  readTypedContact,
  type PhoneParser,
} from "./phone.ts";
import { nearbyQuestion, offerIndex, offerOf } from "./nearby.ts";
import {
  REASON_WINDOW_MS,
  isFeedbackOnAnswer,
  isRecurrence,
  isThanksAlone,
  ratingInWords,
  reasonInWords,
} from "./rating-words.ts";
import { RUNNING_CITIZEN_STATUSES } from "./ports.ts";
import type {
  AnswerRatings,
  CitizenCaseSummary,
  CitizenCases,
  Classifier,
  ComplaintSubmitter,
  IntakeProblems,
  NearbyCases,
  RegionDetector,
  SubmissionReceipt,
  Supplements,
  Withdrawals,
} from "./ports.ts";
import {
  caseButtons,
  categoryName,
  isConfidentGuess,
  isEditing,
  isReport,
  languageButtons,
  menuButtons,
  nameSaidIn,
  contactSaidIn,
  nextStep,
  regionName,
  stepButtons,
  stepPrompt,
  timeOfDraft,
} from "./prompts.ts";
import {
  CONTINUE_WORDS,
  KEEP_CASE_WORDS,
  NO_WORDS,
  REDO_WORDS,
  YES_WORDS,
  saysOneOf,
  typedConfirmation,
  type Confirmation,
} from "./confirmation.ts";
import type { ChoiceButton, OutgoingMessage } from "./replies.ts";
import { typedChoice } from "./replies.ts";
import type { CaseRef, DialogueState, Draft, Pending, Step } from "./state.ts";
import {
  MAX_ADDITION_OFFERS,
  MAX_OFFERED_CASES,
  MAX_PHOTO_MESSAGES,
  MAX_PHOTOS,
  MAX_RECORDINGS,
} from "./state.ts";
import {
  MAX_DESCRIPTION_LENGTH,
  charLength,
  checkDescription,
  cleanText,
  isGenericIntent,
  isGreeting,
  isProgressQuestion,
  opensWithIntent,
  isStatusQuestion,
  normaliseTrackingNo,
  trackingNoAsked,
  writtenLanguage,
  meaningfulChars,
} from "./text-quality.ts";
import { asksToSupplement, onlyPointsAtPhotos, opensAsDetail } from "./supplement-words.ts";
import { asksToWithdraw } from "./withdraw-words.ts";
import {
  CASE_ASKED_ABOUT,
  caseInAnswer,
  serviceQuestionIn,
  type CaseInAnswer,
  type ServiceQuestion,
  type ServiceTopic,
} from "./service-questions.ts";

/** What the engine needs from the rest of the product. */
export interface IntakeDeps {
  readonly directory: Directory;
  /**
   * Where a shared point lies in the directory's places (directoryLocator, built once by the
   * composition root); null when the directory has no places file: coordinates then decide nothing.
   */
  readonly locator: PlaceLocator | null;
  readonly classifier: Classifier;
  readonly regionDetector: RegionDetector;
  readonly submitter: ComplaintSubmitter;
  readonly cases: CitizenCases;
  /** Open cases of the same problem nearby, offered to join (附议); none looked up without it. */
  readonly nearby?: NearbyCases;
  /**
   * The citizen's rating of an answer and review request, as the buttons under the answer
   * make them; without it a rating typed in words is pointed to those buttons.
   */
  readonly ratings?: AnswerRatings;
  /** The citizen withdrawing their own case; without it nothing is offered to withdraw. */
  readonly withdrawals?: Withdrawals;
  /** The citizen adding to their own running case (补充); without it nothing is offered to add to. */
  readonly supplements?: Supplements;
  /** Defaults to the built-in Chinese time parser (occurred-at.ts). */
  readonly timeParser?: TimeParser;
  /** Defaults to the phone parser of phone.ts. */
  readonly phoneParser?: PhoneParser;
  /** Failures the engine recovers from: required, so that none goes unreported. */
  readonly problems: IntakeProblems;
  /** The hotline told to a citizen who asks to phone (SERVICE_PHONE); none told without it. */
  readonly servicePhone?: string | null;
}

export interface IntakeResult {
  /** The state to store; its `version` is the input's plus one. */
  readonly state: DialogueState;
  /** Messages to send, in order. Never empty. */
  readonly replies: readonly OutgoingMessage[];
  /** Present when this event submitted the draft as a case. */
  readonly submitted?: SubmissionReceipt;
}

/**
 * Where the citizen reads the replies: a chat app, which has slash commands
 * (/start, /status …), or a web page, which has none but a status page instead.
 */
export type ReplySurface = "chat_app" | "web_page";

export interface IntakeEngine {
  /**
   * Handles one citizen event. Never throws for anything the citizen does; a failing
   * submitter or case query is answered with an apology and the draft kept as it was.
   * It may reject only on a programming error (the caller keeps the stored state then).
   * `afterUnknownQuestion`: the stored state's pending question was of a kind this version
   * does not know and was dropped (restoreDialogueState's `unknownPendingKind`); words typed
   * now answer that question, so they are not read as the answer to another (see
   * resumeAfterUnknownQuestion).
   */
  handle(
    state: DialogueState,
    event: CitizenEvent,
    now: Date,
    surface?: ReplySurface,
    afterUnknownQuestion?: boolean,
  ): Promise<IntakeResult>;
  /** The apology and menu for a citizen whose stored state was corrupt (see restoreDialogueState). */
  recoveryReplies(state: DialogueState): OutgoingMessage[];
  /**
   * True when words typed where a reason for a negative rating of the citizen's case `about`
   * is awaited read as a new matter (see {@link readsAsNewMatter}): a channel that keeps them
   * as the reason then also hands them to `handle`, which offers them for filing. Never
   * rejects: what cannot be read now (the classifier, the case) reads as no new matter.
   */
  readsAsNewMatter(text: string, about: RatedCase): Promise<boolean>;
}

/** The case whose answer the citizen rated, as the citizen knows it. */
export interface RatedCase {
  readonly citizenRef: string;
  readonly trackingNo: string;
}

/** Longest typed address kept, in characters. */
export const MAX_ADDRESS_LENGTH = 200;

const ANONYMOUS = /匿名|不留|不想留|不方便留|anonymous/iu;
const NO_MORE_PHOTOS =
  /^(?:(?:没有|没|无|不用|不要|不需要|不发)(?:照片|图片|相片|拍)?了?|发完了|完了|好了|就这些|done|none|no( photos?)?|finished)[。.!！]*$/iu;
const SKIP = /^(?:不留|不想说|不用了|不用|跳过|skip|no)[。.!！]*$/iu;
const SUBMIT = /^(?:提交|确认提交|发送|send|submit)[。.!！]*$/iu;
const EDIT = /^(?:修改|改|change|edit)[。.!！]*$/iu;
// "算了不弄了": the citizen gives up filing, at whatever question (asked to confirm first).
const CANCEL =
  /^(?:(?:算了吧?|取消吧?|不(?:提交|弄|办|反映|投诉|告|搞)了?吧?)[，,\s]*)+[。.!！~～]*$|^(?:cancel|stop|never ?mind)[.!]*$/iu;
const FILE_ANYWAY =
  /^(?:不是[,，]?继续登记|继续登记|不是同一个|no,? continue|file anyway)[。.!！]*$/iu;

// An address in the description lets the engine skip "where?" and ask only the county.
const ADDRESS_MARK = /号楼|号院|单元|[路街巷道]\d+号|交叉口|路口|十字路/u;
const NAMED_PLACE =
  /([\p{Script=Han}A-Za-z0-9]{1,8}?)(小区|社区|花园|家园|村|镇|乡)(?![民委干长里子政村])/gu;
// "我们小区", "这个村", "在农村", "老家乡下" say where the citizen lives, not which place.
const NOT_A_NAME = /(?:我们|我家|咱们|咱家|俺们|俺家|他们|这个|那个|[这那本农城老家乡])$/u;

function hasAddressHint(text: string): boolean {
  if (ADDRESS_MARK.test(text)) return true;
  return [...text.matchAll(NAMED_PLACE)].some((match) => !NOT_A_NAME.test(match[1] ?? ""));
}

/** The deps with defaults filled in, and the place readers built once from the directory. */
interface ResolvedDeps extends Required<IntakeDeps> {
  readonly placeReader: PlaceReader;
}

/** Without a nearby port nothing is offered (and nothing can be joined). */
const NO_NEARBY: NearbyCases = {
  find: () => Promise.resolve([]),
  join: () => Promise.resolve("not_open"),
};

/** Without a ratings port no answer may be rated in words (the buttons are pointed to). */
const NO_RATINGS: AnswerRatings = {
  mayRate: () => Promise.resolve(false),
  rate: () => Promise.resolve("refused"),
  requestReview: () => Promise.resolve("refused"),
  recordReason: () => Promise.resolve(),
  recordPhotos: () => Promise.resolve(0),
};

/** Without a withdrawals port every withdrawal is refused (and none is offered). */
const NO_WITHDRAWALS: Withdrawals = {
  withdraw: () => Promise.resolve("refused"),
  withdrawSupport: () => Promise.resolve("refused"),
};

/** Without a supplements port every addition is refused (and none is offered). */
const NO_SUPPLEMENTS: Supplements = { supplement: () => Promise.resolve("refused") };

class Turn {
  readonly replies: OutgoingMessage[] = [];
  submitted: SubmissionReceipt | undefined;
  /** The draft reached the nearby step: the cases are looked up once the event is handled. */
  nearbyDue = false;
  /** The channel's id of the text message being handled, when it sent one (see onEdited). */
  messageId: string | null = null;
  /**
   * The photo whose caption is being read (see onCaptionedPhoto), until what the words start
   * takes it (a rating's reason keeps it as evidence): null then.
   */
  captionedPhoto: string | null = null;
  private readonly stepAtStart: Step;
  /** The citizen's cases, read at most once a turn (see citizenCases). */
  private casesRead: Promise<readonly CitizenCaseSummary[] | null> | undefined;

  constructor(
    readonly deps: ResolvedDeps,
    readonly s: DialogueState,
    readonly now: Date,
    readonly surface: ReplySurface,
  ) {
    this.stepAtStart = s.step;
  }

  get locale(): Locale {
    return this.s.locale;
  }

  tr<K extends MessageKey>(key: K, ...params: Parameters<Catalog[K]>): string {
    return t(this.s.locale, key, ...params);
  }

  say(message: OutgoingMessage): void {
    this.replies.push(message);
  }

  /**
   * The citizen's cases, read once however many readings of the words ask for them (a
   * withdrawal, an answer's feedback, a question of when); null when they cannot be read
   * now, the failure reported once.
   */
  citizenCases(): Promise<readonly CitizenCaseSummary[] | null> {
    this.casesRead ??= this.deps.cases.list(this.s.citizenRef).catch((error: unknown) => {
      this.deps.problems.casesUnreadable?.(error);
      return null;
    });
    return this.casesRead;
  }

  /** A message carrying the current step's buttons (used for "try again" answers). */
  sayWithButtons(text: string): void {
    this.say({ text, ...stepButtons(this.s, this.deps.directory, this.deps.phoneParser) });
  }

  /** The current question (or the pending confirmation, or the idle menu). */
  question(): OutgoingMessage {
    return this.pendingPrompt() ?? stepPrompt(this.s, this.deps.directory, this.deps.phoneParser);
  }

  /** Repeats the current question. */
  reask(): void {
    const pending = this.pendingPrompt();
    if (pending) return this.say(pending);
    const prompt = stepPrompt(this.s, this.deps.directory, this.deps.phoneParser);
    const leavingRequest =
      (this.stepAtStart === "place" ||
        this.stepAtStart === "street" ||
        this.stepAtStart === "contact") &&
      this.s.step !== this.stepAtStart &&
      prompt.request === undefined;
    this.say(leavingRequest ? { ...prompt, removeKeyboard: true } : prompt);
  }

  private pendingPrompt(): OutgoingMessage | null {
    const pending = this.s.pending;
    if (pending?.kind === "reason") {
      return { text: this.tr("ratingReasonAsk", { trackingNo: pending.trackingNo }) };
    }
    if (pending?.kind === "supplement") {
      const prompt = supplementPrompt(this, pending);
      if (prompt) return prompt;
    }
    return this.confirmation()?.message ?? null;
  }

  /** The yes/no question waiting beside the draft, if any (see confirmation.ts). */
  confirmation(): Confirmation | null {
    const pending = this.s.pending;
    if (pending?.kind === "cancel" && this.s.draft) return cancelConfirmation(this.s);
    if (pending?.kind === "offer") return offerConfirmation(this.s, pending, this.deps.directory);
    if (pending?.kind === "voice") return voiceConfirmation(this.s, pending.transcript);
    if (pending?.kind === "rate") return rateConfirmation(this.s, pending);
    if (pending?.kind === "again") return againConfirmation(this.s, pending.trackingNo);
    if (pending?.kind === "withdraw") {
      return withdrawConfirmation(this.s, pending, this.deps.directory);
    }
    if (pending?.kind === "supplement") {
      return supplementConfirmation(this.s, pending, this.deps.directory);
    }
    return null;
  }

  /** Moves to `step` and asks its question. */
  ask(step: Step): void {
    this.s.step = step;
    this.reask();
  }

  /** Moves to the first thing the draft still lacks and asks it. */
  advance(): void {
    const draft = this.s.draft;
    if (!draft) return this.reask();
    let step = nextStep(draft);
    if (step === "category" && !isConfidentGuess(draft, this.deps.directory))
      step = "category_list";
    if (step === "nearby" && draft.nearby === null) {
      // Asked after the lookup, which is asynchronous (see lookUpNearby).
      this.s.step = step;
      this.nearbyDue = true;
      return;
    }
    this.ask(step);
  }

  draft(): Draft {
    if (!this.s.draft) throw new Error("intake: no draft in a draft step");
    return this.s.draft;
  }
}

/**
 * "Start a new report with these words?" — beside it, when the citizen has cases running, one
 * button a case to add the words to instead (补充), which then asks its own yes.
 */
function offerConfirmation(
  state: DialogueState,
  offer: Extract<Pending, { kind: "offer" }>,
  directory: Directory,
): Confirmation {
  const { locale } = state;
  const yes = { id: globalChoice("offer", "yes"), words: YES_WORDS };
  const no = { id: globalChoice("offer", "no"), words: NO_WORDS };
  const addTo = offer.addTo ?? [];
  const excerptShown = excerpt(offer.text, 120);
  const orAdd = addTo.length > 0;
  return {
    message: {
      text: t(locale, orAdd ? "offerStartOrAdd" : "offerStart", { excerpt: excerptShown }),
      choices: [
        [{ id: yes.id, label: t(locale, orAdd ? "offerAsNew" : "offerYes") }],
        ...caseChoiceButtons(locale, directory, "supplement", addTo),
        [{ id: no.id, label: t(locale, "offerNo") }],
      ],
    },
    yes,
    no,
  };
}

/** "Really cancel?": 继续 is a no here (go on filing). */
function cancelConfirmation(state: DialogueState): Confirmation {
  const draftNo = state.draft?.no ?? 0;
  const yes = { id: draftChoice(draftNo, "cancel", "yes"), words: YES_WORDS };
  const no = { id: draftChoice(draftNo, "cancel", "no"), words: [...NO_WORDS, ...CONTINUE_WORDS] };
  return {
    message: {
      text: t(state.locale, "confirmCancel"),
      choices: [
        [
          { id: yes.id, label: t(state.locale, "cancelYes") },
          { id: no.id, label: t(state.locale, "cancelNo") },
        ],
      ],
    },
    yes,
    no,
  };
}

function emptyDraft(no: number, now: Date): Draft {
  return {
    no,
    startedAt: now.toISOString(),
    description: null,
    descriptionMessageId: null,
    correctedMessageId: null,
    classification: null,
    category: null,
    categoryLeftToClerk: false,
    address: null,
    location: null,
    placePrecision: "none",
    streetAsked: false,
    streetVague: false,
    placeInDescription: false,
    region: null,
    occurredAt: null,
    photos: [],
    photosDone: false,
    recordings: [],
    contact: null,
    isEmergency: false,
    nearby: null,
  };
}

/**
 * Builds the intake engine: the directory's place reader is built once, here; each `handle`
 * call works on a copy of the given state and returns the new one.
 */
export function createIntakeEngine(deps: IntakeDeps): IntakeEngine {
  const resolved: ResolvedDeps = {
    timeParser: occurredAtParser,
    phoneParser: chinesePhoneParser,
    nearby: NO_NEARBY,
    ratings: NO_RATINGS,
    withdrawals: NO_WITHDRAWALS,
    supplements: NO_SUPPLEMENTS,
    servicePhone: null,
    ...deps,
    placeReader: createPlaceReader(deps.directory),
  };
  return {
    async handle(state, event, now, surface = "chat_app", afterUnknownQuestion = false) {
      const s = structuredClone(state);
      const turn = new Turn(resolved, s, now, surface);
      if (event.type === "text" || event.type === "photo") turn.messageId = event.messageId ?? null;
      if (event.type === "photo" && event.messageId) {
        rememberPhotoMessage(s, event.messageId, event.fileId);
      }
      const normalised = normalise(event);
      if (afterUnknownQuestion && normalised.type === "text") {
        resumeAfterUnknownQuestion(turn, normalised.text);
      } else {
        await dispatch(turn, normalised);
      }
      if (turn.nearbyDue) await lookUpNearby(turn);
      if (turn.replies.length === 0) turn.reask();
      s.version = state.version + 1;
      return turn.submitted
        ? { state: s, replies: turn.replies, submitted: turn.submitted }
        : { state: s, replies: turn.replies };
    },
    recoveryReplies(state) {
      return [
        { text: t(state.locale, "stateRecovered") },
        { text: t(state.locale, "idleHint"), choices: menuButtons(state.locale) },
      ];
    },
    readsAsNewMatter(text, about) {
      return readsAsNewMatter(resolved, cleanText(text), about);
    },
  };
}

function normalise(event: CitizenEvent): CitizenEvent {
  if (event.type !== "text") return event;
  const command = parseCommand(event.text);
  return command ? { type: "command", ...command } : event;
}

/**
 * Words typed after a question of a newer version (dropped, see restoreDialogueState) answer
 * that question, which this version cannot read: a yes to it is no yes to the draft's
 * question, nor its words a place. So they are not taken as an answer: dangers they name are
 * still warned of, and the conversation goes on at the draft's own question (the next
 * missing field or the summary) or the menu. A tap goes through as ever (a button of that
 * question is stale); commands, photos and locations mean what they always mean.
 */
function resumeAfterUnknownQuestion(turn: Turn, raw: string): void {
  warnOfHazards(turn, cleanText(raw));
  turn.say({ text: turn.tr("unknownQuestionResumed") });
  turn.reask();
}

async function dispatch(turn: Turn, event: CitizenEvent): Promise<void> {
  // Anything but an answer to "I heard: … right?" leaves the transcript unconfirmed.
  if (turn.s.pending?.kind === "voice" && event.type !== "text" && event.type !== "choice") {
    turn.s.pending = null;
  }
  switch (event.type) {
    case "command":
      return onCommand(turn, event.name.toLowerCase(), event.args);
    case "choice":
      return onChoice(turn, event.id);
    case "text":
      return onText(turn, event.text);
    case "location":
      return onLocation(
        turn,
        { latitude: event.latitude, longitude: event.longitude },
        event.address,
      );
    case "contact":
      return onContact(turn, event.phone, event.name);
    case "photo":
      return event.caption === undefined
        ? onPhoto(turn, event.fileId)
        : onCaptionedPhoto(turn, event.fileId, event.caption);
    case "unsupported":
      turn.say({ text: turn.tr("unsupported", { kind: event.kind }) });
      return turn.reask();
    case "edited":
      return onEdited(turn, event);
    case "voice":
      return onVoice(turn, event.recordingId, event.transcript);
    case "voice_refused":
      turn.say({ text: turn.tr("voiceRefused", { reason: event.reason }) });
      return turn.reask();
    case "new_matter":
      // In a draft the words were the reason only: the draft's question is asked again.
      if (turn.s.draft) return turn.reask();
      return offerNewMatter(turn, cleanText(event.text));
  }
}

// ---------------------------------------------------------------- commands

async function onCommand(turn: Turn, name: string, args: string): Promise<void> {
  const { s } = turn;
  switch (name) {
    case "start":
      if (!s.draft) {
        s.pending = null;
        turn.say({ text: turn.tr("welcome"), choices: menuButtons(turn.locale) });
        return;
      }
      turn.say({ text: turn.tr("welcome") });
      turn.say({ text: turn.tr("draftInProgress") });
      return turn.reask();
    case "help": {
      const help = turn.tr(turn.surface === "web_page" ? "pageHelp" : "help");
      turn.say(s.draft ? { text: help } : { text: help, choices: menuButtons(turn.locale) });
      if (s.draft) turn.reask();
      return;
    }
    case "cancel":
      if (!s.draft) {
        s.pending = null;
        turn.say({ text: turn.tr("nothingToCancel"), choices: menuButtons(turn.locale) });
        return;
      }
      s.pending = { kind: "cancel" };
      return turn.reask();
    case "mycases":
    case "cases":
      await showCases(turn);
      if (s.draft) turn.reask();
      return;
    case "status":
      if (args === "") {
        turn.say({ text: turn.tr("statusUsage") });
        await showCases(turn);
      } else {
        await showCase(turn, args);
      }
      if (s.draft) turn.reask();
      return;
    case "lang":
    case "language": {
      const wanted = languageFrom(args);
      if (wanted) return setLocale(turn, wanted);
      turn.say({ text: turn.tr("langPrompt"), choices: languageButtons() });
      return;
    }
    case "new":
    case "complain":
      return startFromMenu(turn);
    default:
      turn.say({ text: turn.tr("unknownCommand", { name: name.slice(0, 32) }) });
      return turn.reask();
  }
}

function languageFrom(args: string): Locale | null {
  const value = args.trim().toLowerCase();
  if (/^(?:zh|cn|中文|汉语|chinese|zh-cn|简体)$/u.test(value)) return "zh";
  if (/^(?:en|english|英文|英语)$/u.test(value)) return "en";
  return null;
}

function setLocale(turn: Turn, locale: Locale): void {
  turn.s.locale = locale;
  turn.s.localeChosen = true;
  turn.say({ text: turn.tr("langSet") });
  if (turn.s.draft || turn.s.pending) turn.reask();
  else turn.say({ text: turn.tr("idleHint"), choices: menuButtons(locale) });
}

/**
 * Until the citizen chooses a language, replies follow the one they write in: a foreign
 * resident who writes English is answered in English from that message on (told how to
 * switch back), and Chinese brings Chinese back.
 */
function followWrittenLanguage(turn: Turn, text: string): void {
  const written = writtenLanguage(text);
  if (turn.s.localeChosen || written === null || written === turn.s.locale) return;
  turn.s.locale = written;
  turn.say({ text: turn.tr("langFollowed", { commands: turn.surface === "chat_app" }) });
}

function startFromMenu(turn: Turn): void {
  if (turn.s.draft) {
    turn.say({ text: turn.tr("draftInProgress") });
    return turn.reask();
  }
  startDraft(turn);
  turn.ask("description");
}

function startDraft(turn: Turn): Draft {
  const { s } = turn;
  s.draftCount += 1;
  s.pending = null;
  s.draft = emptyDraft(s.draftCount, turn.now);
  s.step = "description";
  return s.draft;
}

/** The citizen's cases; null when they cannot be read now (the citizen told). */
async function listedCases(turn: Turn): Promise<readonly CitizenCaseSummary[] | null> {
  const cases = await turn.citizenCases();
  if (cases === null) turn.say({ text: turn.tr("casesUnavailable") });
  return cases;
}

async function showCases(turn: Turn): Promise<void> {
  const cases = await listedCases(turn);
  if (cases !== null) showCaseList(turn, cases);
}

function showCaseList(turn: Turn, cases: readonly CitizenCaseSummary[]): void {
  if (cases.length === 0) {
    turn.say({ text: turn.tr("myCasesEmpty") });
    return;
  }
  const lines: CaseLine[] = [...cases]
    .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
    .slice(0, 10)
    .map((c) => ({
      ...c,
      categoryName: categoryName(turn.deps.directory, turn.locale, c.category),
    }));
  turn.say({
    text: turn.tr("myCases", { cases: lines }),
    choices: caseButtons(turn.locale, lines),
  });
}

/**
 * "还要等多久？", "咋还没人来修" from a citizen with a case running ask after that case (the
 * newest): it is answered with where it stands, its unit and what is due by when, as
 * "要多久才有结果" is. True when that is all; false when no case runs, or when the words also
 * tell a new matter ({@link readsAsNewMatter}: another kind, a place or a danger named), which
 * are then offered as any words are.
 */
async function answerProgressQuestion(turn: Turn, text: string): Promise<boolean> {
  const found = await caseAskedAbout(turn, "duration");
  if (!found) return false;
  turn.say({
    text: turn.tr("caseProgress", { case: found }),
    choices: caseButtons(turn.locale, [found]),
  });
  const about = { citizenRef: turn.s.citizenRef, trackingNo: found.trackingNo };
  return !(await readsAsNewMatter(turn.deps, text, about));
}

async function showCase(turn: Turn, raw: string): Promise<void> {
  const trackingNo = normaliseTrackingNo(raw);
  let found;
  try {
    found = await turn.deps.cases.get(turn.s.citizenRef, trackingNo);
  } catch (error) {
    turn.deps.problems.casesUnreadable?.(error);
    turn.say({ text: turn.tr("casesUnavailable") });
    return;
  }
  if (!found) {
    turn.say({
      text: turn.tr("statusNotFound", { trackingNo, commands: turn.surface === "chat_app" }),
      choices: menuButtons(turn.locale),
    });
    return;
  }
  const withdrawButton = {
    id: globalChoice("withdraw", found.trackingNo),
    label: turn.tr("withdrawButton", { supported: found.supported }),
  };
  const choices = [
    ...(isOwnRunning(found) && turn.deps.supplements !== NO_SUPPLEMENTS
      ? [[{ id: globalChoice("supplement", found.trackingNo), label: turn.tr("supplementButton") }]]
      : []),
    ...(isRunning(found) && turn.deps.withdrawals !== NO_WITHDRAWALS ? [[withdrawButton]] : []),
  ];
  turn.say({
    ...(choices.length > 0 && { choices }),
    text: turn.tr("caseDetail", {
      ...found,
      categoryName: categoryName(turn.deps.directory, turn.locale, found.category),
      timeline: found.timeline.map((entry) => ({
        at: entry.at,
        kind: entry.kind,
        detail: entry.detail ?? null,
        photos: entry.photos ?? 0,
      })),
    }),
  });
}

// ---------------------------------------------------------------- buttons

async function onChoice(turn: Turn, id: string): Promise<void> {
  const choice = parseChoiceId(id);
  if (!choice) return stale(turn);
  if (choice.scope === "global") return onGlobalChoice(turn, choice);
  const { s } = turn;
  if (s.pending?.kind === "voice") s.pending = null;
  const draft = s.draft;
  if (!draft || draft.no !== choice.draftNo) {
    if (s.lastSubmitted && s.lastSubmitted.draftNo === choice.draftNo) {
      turn.say({ text: turn.tr("alreadySubmitted", { trackingNo: s.lastSubmitted.trackingNo }) });
      if (s.draft) turn.reask();
      return;
    }
    return stale(turn);
  }
  if (choice.action === "cancel") {
    if (s.pending?.kind !== "cancel") return stale(turn);
    if (choice.value === "yes") return cancelDraft(turn);
    if (choice.value === "no") return keepDraft(turn);
    return stale(turn);
  }
  if (s.pending?.kind === "cancel") s.pending = null;
  const handled = await onDraftChoice(turn, draft, choice.action, choice.value);
  if (!handled) stale(turn);
}

function stale(turn: Turn): void {
  turn.say({ text: turn.tr("staleButton") });
  turn.reask();
}

async function onGlobalChoice(
  turn: Turn,
  choice: Extract<ParsedChoice, { scope: "global" }>,
): Promise<void> {
  const { s } = turn;
  switch (choice.action) {
    case "menu":
      if (choice.value === "file") return startFromMenu(turn);
      if (choice.value === "cases") return onCommand(turn, "mycases", "");
      if (choice.value === "help") return onCommand(turn, "help", "");
      return stale(turn);
    case "lang": {
      const locale = LOCALES.find((l) => l === choice.value);
      return locale ? setLocale(turn, locale) : stale(turn);
    }
    case "case":
      await showCase(turn, choice.value);
      if (s.draft) turn.reask();
      return;
    case "offer": {
      const pending = s.pending;
      if (s.draft || pending?.kind !== "offer") return stale(turn);
      if (choice.value === "no") return declineOffer(turn);
      if (choice.value !== "yes") return stale(turn);
      return acceptOffer(turn, pending);
    }
    case "voice": {
      const pending = s.pending;
      if (pending?.kind !== "voice") return stale(turn);
      if (choice.value === "yes") return confirmVoice(turn, pending);
      if (choice.value === "redo") return redoVoice(turn);
      return stale(turn);
    }
    case "rate": {
      const pending = s.pending;
      if (pending?.kind !== "rate") return stale(turn);
      if (choice.value === "yes") return rateAnswer(turn, pending);
      if (choice.value !== "no") return stale(turn);
      s.pending = null;
      if (pending.photos?.length) turn.say({ text: turn.tr("photoNotKept") });
      turn.say({ text: turn.tr("rateDeclined"), choices: menuButtons(turn.locale) });
      return;
    }
    case "review":
      return requestReview(turn, choice.value);
    case "withdraw":
      return onWithdrawChoice(turn, choice.value);
    case "supplement":
      return onSupplementChoice(turn, choice.value);
    case "again": {
      const pending = s.pending;
      if (s.draft || pending?.kind !== "again") return stale(turn);
      if (choice.value === "old") return rateRecurrence(turn, pending);
      if (choice.value !== "new") return stale(turn);
      return fileRecurrence(turn, pending);
    }
  }
}

/** Returns false when the button does not belong to the current question (stale). */
async function onDraftChoice(
  turn: Turn,
  draft: Draft,
  action: string,
  value: string,
): Promise<boolean> {
  const { s } = turn;
  const { directory } = turn.deps;
  const step = s.step;
  if (action === "edit" && value === "back" && isEditing(draft) && step !== "summary") {
    turn.ask("summary");
    return true;
  }
  switch (action) {
    case "cat":
      if (step !== "category" && step !== "category_list") return false;
      if (value === LEAVE_TO_CLERK) {
        if (step !== "category_list") return false;
        leaveKindToClerk(turn, draft);
        return true;
      }
      if (!directory.categories.some((c) => c.code === value)) return false;
      if (step === "category" && value !== (draft.classification?.category ?? FALLBACK_CATEGORY))
        return false;
      draft.category = value;
      draft.categoryLeftToClerk = false;
      turn.advance();
      return true;
    case "catlist":
      if (step !== "category") return false;
      turn.ask("category_list");
      return true;
    case "place":
      if (step !== "place" || value !== "unknown") return false;
      draft.streetAsked = true;
      turn.ask("region");
      return true;
    case "street":
      if (step !== "street" || value !== "skip") return false;
      draft.streetAsked = true;
      turn.advance();
      return true;
    case "near": {
      if (step !== "nearby") return false;
      if (value === "no") {
        fileAnyway(turn, draft);
        return true;
      }
      const offer = draft.nearby?.find((o) => o.trackingNo === value);
      if (!offer) return false;
      await joinNearby(turn, draft, offer.trackingNo);
      return true;
    }
    case "region": {
      if (step !== "region") return false;
      if (value !== LEAVE_TO_CLERK && !directory.regions.some((r) => r.code === value)) {
        return false;
      }
      const code = value === LEAVE_TO_CLERK ? null : value;
      draft.region = { code, source: "citizen", town: null };
      turn.advance();
      return true;
    }
    case "time":
      if (step !== "time" || value !== "unknown") return false;
      draft.occurredAt = { unknown: true };
      turn.advance();
      return true;
    case "photos":
      if (step !== "photos") return false;
      if (value === "clear") {
        draft.photos = [];
        turn.sayWithButtons(turn.tr("photosCleared"));
        return true;
      }
      if (value !== "done") return false;
      draft.photosDone = true;
      turn.advance();
      return true;
    case "contact": {
      if (step !== "contact") return false;
      const said = value === "said" && contactSaidIn(draft, turn.deps.phoneParser);
      if (said) return useContactSaid(turn, draft, said);
      if (value !== "anon") return false;
      draft.contact = { kind: "anonymous" };
      turn.advance();
      return true;
    }
    case "name": {
      if (step !== "contact_name") return false;
      const said = value === "said" ? nameSaidIn(draft) : null;
      if (said) takeName(draft, said);
      else if (value !== "skip") return false;
      turn.advance();
      return true;
    }
    case "sum":
      if (step !== "summary") return false;
      if (value === "submit") await submit(turn, draft);
      else if (value === "edit") turn.ask("edit");
      else if (value === "cancel") {
        s.pending = { kind: "cancel" };
        turn.reask();
      } else return false;
      return true;
    case "edit":
      if (step !== "edit") return false;
      return startEdit(turn, value);
    case "voice":
      // "Skip" under "your recording is kept; one line of text, please": the recording speaks.
      if (step !== "description" || value !== "skip" || draft.recordings.length === 0) return false;
      await acceptDescription(turn, turn.tr("voiceOnlyDescription"), null);
      return true;
    default:
      return false;
  }
}

function startEdit(turn: Turn, field: string): boolean {
  switch (field) {
    case "description":
      turn.ask("description");
      return true;
    case "category":
      turn.ask("category_list");
      return true;
    case "place":
      turn.ask("place");
      return true;
    case "time":
      turn.ask("time");
      return true;
    case "photos":
      turn.ask("photos");
      return true;
    case "contact":
      turn.ask("contact");
      return true;
    case "back":
      turn.ask("summary");
      return true;
    default:
      return false;
  }
}

function cancelDraft(turn: Turn): void {
  const { s } = turn;
  s.draft = null;
  s.step = "idle";
  s.pending = null;
  turn.say({ text: turn.tr("cancelled"), choices: menuButtons(turn.locale), removeKeyboard: true });
}

function keepDraft(turn: Turn): void {
  turn.s.pending = null;
  turn.say({ text: turn.tr("cancelAborted") });
  turn.reask();
}

async function submit(turn: Turn, draft: Draft): Promise<void> {
  const { s, deps } = turn;
  if (nextStep(draft) !== "summary" || draft.description === null || draft.category === null) {
    return turn.advance();
  }
  if (draft.classification?.explanation.length === 0) {
    // Classified before explanations were facts (its text was dropped, state.ts): read once
    // more, so that the clerk sees the classifier's reasons, not the region alone. The region
    // is the case's (filedRegionFact); the old answer stays if the classifier fails.
    draft.classification = (await classified(turn, draft, null)) ?? draft.classification;
  }
  const contact = draft.contact ?? { kind: "anonymous" as const };
  let receipt: SubmissionReceipt;
  try {
    receipt = await deps.submitter.submit({
      idempotencyKey: `${s.citizenRef}#${draft.no}`,
      citizenRef: s.citizenRef,
      locale: s.locale,
      description: draft.description,
      category: draft.category,
      categoryLeftToClerk: draft.categoryLeftToClerk,
      classification: draft.classification,
      region: draft.region?.code ?? null,
      regionSource: draft.region?.code ? regionSourceOf(draft.region.source) : null,
      ...(draft.region?.code ? { regionDecidedBy: REGION_DECISION[draft.region.source] } : {}),
      address: draft.address,
      location: draft.location,
      occurredAt: timeOfDraft(draft),
      photos: [...draft.photos],
      recordings: [...draft.recordings],
      contact,
      isEmergency: draft.isEmergency,
      startedAt: new Date(draft.startedAt),
      submittedAt: turn.now,
    });
  } catch {
    turn.sayWithButtons(turn.tr("submitFailed"));
    return;
  }
  s.lastSubmitted = { draftNo: draft.no, trackingNo: receipt.trackingNo };
  s.draft = null;
  s.step = "idle";
  s.pending = null;
  turn.submitted = receipt;
  turn.say({
    text: turn.tr("submitted", {
      trackingNo: receipt.trackingNo,
      acceptanceDueAt: receipt.acceptanceDueAt,
      anonymous: contact.kind === "anonymous",
      commands: turn.surface === "chat_app",
      emergency: draft.isEmergency,
      report: isReport(draft, turn.deps.directory),
    }),
    removeKeyboard: true,
  });
}

// ---------------------------------------------------------------- text

async function onText(turn: Turn, raw: string): Promise<void> {
  const { s } = turn;
  const text = cleanText(raw);
  // Typed instead of tapped: many citizens answer a question rather than look for its button.
  const confirmation = turn.confirmation();
  const answer = confirmation && typedConfirmation(confirmation, text);
  if (answer) return onTypedChoice(turn, answer);
  // Other words than a yes or no to "I heard: … right?": the typed words count, the transcript not.
  if (s.pending?.kind === "voice") s.pending = null;
  // A button's label typed (or sent by a channel that shows buttons as text) is that tap.
  const typed = typedChoice(turn.question(), text);
  if (typed) return onTypedChoice(turn, typed);
  followWrittenLanguage(turn, text);
  warnOfHazards(turn, text);
  if (s.pending?.kind === "reason") return answerReason(turn, s.pending, text);
  if (s.pending?.kind === "supplement" && s.pending.text === null) {
    return takeSupplementWords(turn, s.pending, text);
  }
  // Other words than a yes or no to "really cancel?" go on with the draft; to "rate it as …?",
  // "not solved, or new?" or "withdraw …?" they are read afresh.
  const pending = s.pending;
  if (
    pending?.kind === "cancel" ||
    pending?.kind === "rate" ||
    pending?.kind === "again" ||
    pending?.kind === "withdraw" ||
    (pending?.kind === "supplement" && pending.text !== null)
  ) {
    const photosLeft = "photos" in pending && (pending.photos?.length ?? 0) > 0;
    s.pending = null;
    if (photosLeft) turn.say({ text: turn.tr("photoNotKept") });
  }
  if (isStatusQuestion(text)) return answerStatusQuestion(turn, null);
  const trackingNo = trackingNoAsked(text, turn.deps.directory.trackingPrefix);
  if (trackingNo) return answerStatusQuestion(turn, trackingNo);
  const asked = serviceQuestionIn(text);
  if (asked) await answerServiceQuestion(turn, asked);
  if (asked?.alone) return;
  if (isGreeting(text)) return answerGreeting(turn);
  const draft = s.draft;
  if (!draft) return onIdleText(turn, text);
  if (CANCEL.test(text)) {
    s.pending = { kind: "cancel" };
    return turn.reask();
  }
  return answerStep(turn, draft, text);
}

/**
 * Words at the photo question: "没有" ends it; more about the matter ("对了，是在文昌大道那边")
 * is added to the description, as the citizen meant it to be, and the question stays; words
 * about the photos themselves ("等会儿让我儿子发") are answered with the buttons.
 */
function onPhotosText(turn: Turn, draft: Draft, text: string): void {
  if (NO_MORE_PHOTOS.test(text)) {
    draft.photosDone = true;
    return turn.advance();
  }
  const more = checkDescription(text);
  if (more.ok && !ABOUT_PHOTOS.test(text)) {
    addToDescription(turn, draft, more.text);
    return turn.reask();
  }
  turn.sayWithButtons(turn.tr("photosUseButtons", { count: draft.photos.length, max: MAX_PHOTOS }));
}

/** Words at the photo question about the photos: no more matter for the description. */
const ABOUT_PHOTOS =
  /照片|相片|图片|拍|图|视频|录像|(?:再|等|回头|晚上|明天|一会|待会).{0,6}发|发(?:给|过来|不了|不上)|photo|picture|pic\b|image|video|send|upload/iu;

/** Words typed at the draft's current question. */
async function answerStep(turn: Turn, draft: Draft, text: string): Promise<void> {
  switch (turn.s.step) {
    case "idle":
    case "description":
      return onDescriptionText(turn, text);
    case "category":
    case "category_list":
      return onCategoryText(turn, draft, text);
    case "place":
      return onPlaceText(turn, draft, text);
    case "region":
      return onRegionText(turn, draft, text);
    case "street":
      return onStreetText(turn, draft, text);
    case "nearby":
      return onNearbyText(turn, draft, text);
    case "time":
      return onTimeText(turn, draft, text);
    case "photos":
      return onPhotosText(turn, draft, text);
    case "contact":
      return onContactText(turn, draft, text);
    case "contact_name":
      return onNameText(turn, draft, text);
    case "summary": {
      if (SUBMIT.test(text)) return submit(turn, draft);
      if (EDIT.test(text)) return turn.ask("edit");
      const edit = editSaid(text);
      if (edit) return editAsSaid(turn, draft, edit);
      return turn.sayWithButtons(turn.tr("summaryUseButtons"));
    }
    case "edit": {
      const edit = editSaid(text);
      if (edit) return editAsSaid(turn, draft, edit);
      return turn.reask();
    }
  }
}

/**
 * "地点不对，是八一路和七一路交叉口": the field named is opened, and the words said with it
 * answer its question as if typed there; only the field's name opens its question.
 */
async function editAsSaid(turn: Turn, draft: Draft, { field, value }: EditSaid): Promise<void> {
  if (value === null || field === "photos") {
    startEdit(turn, field);
    return;
  }
  if (field === "contact" && draft.contact?.kind === "named") {
    return editNamedContact(turn, draft, draft.contact, value);
  }
  turn.s.step = field === "category" ? "category_list" : field;
  // The message is "描述改成…", not the new words alone: an edit of it replaces nothing.
  turn.messageId = null;
  return answerStep(turn, draft, value);
}

/** "电话改成…" keeps the name, "名字写错了，叫…" keeps the number. */
async function editNamedContact(
  turn: Turn,
  draft: Draft,
  contact: { name: string | null },
  value: string,
): Promise<void> {
  const typed = readTypedContact(value, turn.deps.phoneParser);
  turn.s.step = typed.hadDigits ? "contact" : "contact_name";
  if (typed.phone && typed.name === null) {
    return setContact(turn, draft, typed.phone.display, contact.name);
  }
  return typed.hadDigits ? onContactText(turn, draft, value) : onNameText(turn, draft, value);
}

/**
 * The citizen changed an earlier message. A photo message whose picture changed has its photo
 * replaced where it is still kept (the draft, or words waiting to be filed), and the citizen is
 * told. While the draft is open and its description is that message's words alone — or was,
 * until the citizen replaced it with other words (描述改成…): the later change wins — changed
 * words become the description (read afresh, and the kind asked again, while it is still being
 * asked). Any other change (a message answering a later question, a filed complaint's) leaves
 * what was noted, and the change is asked for as a new message.
 */
async function onEdited(
  turn: Turn,
  edit: Extract<CitizenEvent, { type: "edited" }>,
): Promise<void> {
  const photoReplaced =
    edit.photo !== undefined && replaceMessagePhoto(turn.s, edit.messageId, edit.photo);
  if (photoReplaced) turn.say({ text: turn.tr("photoReplaced") });
  const { draft } = turn.s;
  const { messageId, text } = edit;
  if (draft && text !== undefined) {
    const corrected = draft.correctedMessageId === messageId;
    const describes = corrected || draft.descriptionMessageId === messageId;
    // A new picture under the same caption changes the photo only.
    const sameWords = photoReplaced && cleanText(text) === draft.description;
    if (describes && !sameWords)
      return editDescription(turn, draft, { messageId, text }, corrected);
  }
  if (!photoReplaced) turn.say({ text: turn.tr("unsupported", { kind: "edited" }) });
  return turn.reask();
}

/**
 * The description's message was edited: its words, read afresh, become the description —
 * also when the citizen had since replaced them with other words (`overWords`: told so).
 */
async function editDescription(
  turn: Turn,
  draft: Draft,
  edit: { readonly messageId: string; readonly text: string },
  overWords: boolean,
): Promise<void> {
  const check = checkDescription(cleanText(edit.text));
  if (!check.ok) {
    const { problem, length } = check;
    turn.say({
      text: turn.tr("descriptionProblem", { problem, length, max: MAX_DESCRIPTION_LENGTH }),
    });
    return turn.reask();
  }
  draft.description = check.text;
  draft.descriptionMessageId = edit.messageId;
  draft.correctedMessageId = null;
  warnOfHazards(turn, check.text);
  turn.say({ text: turn.tr(overWords ? "descriptionEditedOverWords" : "descriptionEdited") });
  if (turn.s.step !== "category" && turn.s.step !== "category_list") return turn.reask();
  await analyseDescription(turn, draft);
  return turn.ask(isConfidentGuess(draft, turn.deps.directory) ? "category" : "category_list");
}

/** Notes the photo a photo message brought, for an edit of its picture; the oldest forgotten. */
function rememberPhotoMessage(s: DialogueState, messageId: string, photo: string): void {
  s.photoMessages[messageId] = photo;
  const remembered = Object.keys(s.photoMessages);
  for (const old of remembered.slice(0, Math.max(0, remembered.length - MAX_PHOTO_MESSAGES))) {
    delete s.photoMessages[old];
  }
}

/**
 * Puts `photo` where the photo message `messageId` brought another picture, in the draft or
 * with words waiting to be filed; false when it brought this picture, or its photo is kept there
 * no more (filed, cancelled, or never a photo message noted).
 */
function replaceMessagePhoto(s: DialogueState, messageId: string, photo: string): boolean {
  const previous = s.photoMessages[messageId];
  if (previous === undefined || previous === photo) return false;
  const photos = s.draft ? s.draft.photos : waitingPhotos(s.pending);
  const index = photos?.indexOf(previous) ?? -1;
  if (index === -1) return false;
  photos![index] = photo;
  s.photoMessages[messageId] = photo;
  return true;
}

/**
 * A tap typed ("对" to "I heard: … right?"): the message is the tap, never words a description
 * is taken from (an edit of "对" must not replace a confirmed transcript).
 */
function onTypedChoice(turn: Turn, id: string): Promise<void> {
  turn.messageId = null;
  return onChoice(turn, id);
}

/** Words that tell of danger get the emergency advice first, and mark the draft urgent. */
function warnOfHazards(turn: Turn, text: string): void {
  const hazards = detectHazards(text);
  if (hazards.length === 0) return;
  turn.say({ text: turn.tr("emergency", { hazards }) });
  if (turn.s.draft) turn.s.draft.isEmergency = true;
}

/**
 * "我的事办得怎么样了" lists the citizen's cases, a question naming a number shows that one;
 * then back to where they were (the draft and its question kept).
 */
async function answerStatusQuestion(turn: Turn, trackingNo: string | null): Promise<void> {
  await (trackingNo === null ? showCases(turn) : showCase(turn, trackingNo));
  if (turn.s.draft || turn.s.pending) turn.reask();
}

/**
 * "要多久才有结果", "能不能不留名字": a question of the service is answered with the product's
 * facts and, after filing, the citizen's case it applies to (in a draft it is about the draft).
 * Asked alone, the citizen is then back where they were: the draft and its question, or the
 * question pending, asked again; nothing else changes. Asked with a matter ("工地欠了三个月工资，
 * 要多久才有结果"), the words are then read on as any words: the matter is never swallowed.
 */
async function answerServiceQuestion(turn: Turn, { topic, alone }: ServiceQuestion): Promise<void> {
  const { s } = turn;
  const found = s.draft ? null : await caseAskedAbout(turn, topic);
  const backToMenu = alone && !s.draft && !s.pending;
  turn.say({
    text: turn.tr("serviceAnswer", { topic, case: found, phone: turn.deps.servicePhone }),
    ...(backToMenu && { choices: menuButtons(turn.locale) }),
  });
  if (alone && !backToMenu) turn.reask();
}

/** The citizen's newest case the answer to `topic` speaks of; null when none or unreadable. */
async function caseAskedAbout(turn: Turn, topic: ServiceTopic): Promise<CaseInAnswer | null> {
  const applies = CASE_ASKED_ABOUT[topic];
  if (!applies) return null;
  const [newest] = newestOf((await turn.citizenCases()) ?? [], applies);
  if (!newest) return null;
  try {
    const found = await turn.deps.cases.get(turn.s.citizenRef, newest.trackingNo);
    return found && caseInAnswer(found, turn.deps.directory);
  } catch (error) {
    turn.deps.problems.casesUnreadable?.(error);
    return null;
  }
}

/** A greeting reminds where the citizen is; it is no reply to an old question or offer. */
function answerGreeting(turn: Turn): void {
  const { s } = turn;
  if (s.draft) {
    turn.say({ text: turn.tr("draftInProgress") });
    return turn.reask();
  }
  s.pending = null;
  turn.say({ text: turn.tr("greetingAnswer"), choices: menuButtons(turn.locale) });
}

/** The offered message becomes the new draft's description (with its recordings and photos). */
async function acceptOffer(turn: Turn, offer: Extract<Pending, { kind: "offer" }>): Promise<void> {
  const draft = startDraft(turn);
  draft.recordings = [...(offer.recordings ?? [])];
  draft.photos = [...(offer.photos ?? [])];
  return acceptDescription(turn, offer.text, offer.messageId ?? null);
}

function declineOffer(turn: Turn): void {
  turn.s.pending = null;
  turn.say({ text: turn.tr("offerDeclined"), choices: menuButtons(turn.locale) });
}

async function onIdleText(turn: Turn, text: string): Promise<void> {
  const { s } = turn;
  if (isGenericIntent(text)) {
    startDraft(turn);
    return turn.ask("description");
  }
  if (asksToWithdraw(text) && (await offerWithdrawal(turn))) return;
  const asked = asksToSupplement(text);
  if (s.pending?.kind === "offer") {
    // "补充到那个事里" to words offered beside running cases: the offered words are the addition.
    if (asked?.words === null && s.pending.addTo?.length) return addOfferTo(turn, s.pending);
  } else if (asked && (await offerSupplement(turn, asked.words))) return;
  // Otherwise "补充一下：…" while words are offered for filing adds to those words (read on).
  // An offer left unanswered before the answer came does not take words about the answer.
  if ((!s.pending || s.pending.kind === "offer") && isFeedbackOnAnswer(text)) {
    const answered = await latestAnsweredCase(turn);
    if (answered && (await answerFeedback(turn, answered, text))) return;
  }
  if (isThanksAlone(text)) {
    turn.say({ text: turn.tr("thanksAcknowledged") });
    if (s.pending) return turn.reask();
    turn.say({ text: turn.tr("idleHint"), choices: menuButtons(turn.locale) });
    return;
  }
  // Asked while words wait to be filed, the question is answered and the words stay offered:
  // "还要等多久？" is not more of the matter.
  const mayAskProgress = !s.pending || s.pending.kind === "offer";
  if (mayAskProgress && isProgressQuestion(text) && (await answerProgressQuestion(turn, text))) {
    if (s.pending) turn.reask();
    return;
  }
  const check = checkDescription(text);
  // Asked to file in so many words, with the matter: no offer to tap first.
  if (!s.pending && check.ok && opensWithIntent(text)) {
    startDraft(turn);
    return acceptDescription(turn, check.text, turn.messageId);
  }
  const offered = s.pending?.kind === "offer" ? s.pending : null;
  // A short addition to the message offered ("昨儿黑", "七一路口") is kept with it.
  const words = check.ok ? check.text : offered && check.problem === "too_short" ? text : null;
  if (words === null) {
    if (!check.ok && check.problem === "too_long") {
      turn.say({
        text: turn.tr("descriptionProblem", {
          problem: "too_long",
          length: check.length,
          max: MAX_DESCRIPTION_LENGTH,
        }),
      });
      return;
    }
    if (offered) return turn.reask();
    turn.say({ text: turn.tr("idleHint"), choices: menuButtons(turn.locale) });
    return;
  }
  const addTo = offered ? offered.addTo : await casesToAddTo(turn);
  const [only] = addTo ?? [];
  if (!offered && only && addTo?.length === 1 && (await addsDetailTo(turn.deps, words, only))) {
    return suggestAddition(turn, words, only);
  }
  const combined = offered === null ? words : `${offered.text}\n${words}`;
  const fits = charLength(combined) <= MAX_DESCRIPTION_LENGTH;
  // Words of one message can be edited there: the message's id goes with them.
  const oneMessage = offered === null || !fits;
  s.pending = {
    kind: "offer",
    text: fits ? combined : words,
    ...(oneMessage && turn.messageId !== null && { messageId: turn.messageId }),
    // The recordings the offered words came from, and the photos sent with them, stay with them.
    ...(offered?.recordings && { recordings: offered.recordings }),
    ...(offered?.photos && { photos: offered.photos }),
    ...(addTo && { addTo }),
  };
  turn.reask();
}

/** The citizen's own running cases words offered for filing may add to instead (newest first). */
async function casesToAddTo(turn: Turn): Promise<CaseRef[] | undefined> {
  if (turn.deps.supplements === NO_SUPPLEMENTS) return undefined;
  // Unreadable cases are reported by citizenCases; the words are then offered for filing alone.
  const cases = await turn.citizenCases();
  const running = newestOf(cases ?? [], isOwnRunning).slice(0, MAX_ADDITION_OFFERS);
  return running.length > 0 ? running.map(caseRefOf) : undefined;
}

/**
 * True when words typed after filing only add a detail to the running case `to`: short and
 * opening as a detail does ("对了", "还有", "忘了说"), naming no place and no other kind of
 * matter than the case's. Otherwise — or when the classifier cannot read them now — they may
 * be a new matter, and both offers stay.
 */
async function addsDetailTo(deps: ResolvedDeps, text: string, to: CaseRef): Promise<boolean> {
  if (!opensAsDetail(text)) return false;
  if (placeNamedIn(deps, text, regionKnown(deps, deps.regionDetector.detect(text))).named) {
    return false;
  }
  const read = await classifiedOrNull(deps, text);
  return read !== null && !tellsAnotherKind(read, to.category);
}

/**
 * A short detail gives the model few words: "忘了说，是晚上十点以后" reads as 生态环境 at 0.85.
 * Its reading tells another kind only from this confidence on, or when words of the text are
 * a keyword of another category ("工资" beside a street lamp).
 */
const DETAIL_OTHER_KIND_FROM = 0.9;

function tellsAnotherKind(read: Classification, category: string): boolean {
  const keyword = read.explanation.some(
    (fact) => fact.kind === "keyword" && fact.category !== category,
  );
  return keyword || surelyAnotherKind(read, category, DETAIL_OTHER_KIND_FROM);
}

/** "要把这句话补充到 ZK-…（类别）吗？" — the addition suggested, a new matter the other answer. */
function suggestAddition(turn: Turn, text: string, to: CaseRef): void {
  const photo = turn.captionedPhoto;
  turn.captionedPhoto = null;
  turn.s.pending = {
    kind: "supplement",
    cases: [to],
    text,
    ...(photo !== null && { photos: [photo] }),
    suggested: true,
  };
  turn.reask();
}

/**
 * Words about the answer to the citizen's latest answered case: a clear rating in them
 * ("修好了，谢谢", "还是没修") is offered for a yes while the answer may be rated; other
 * words are pointed to the rating buttons. Words that the problem is back ("路灯又坏了") may
 * as well be a new matter: the citizen is asked which while the answer may be rated, and
 * they are taken as a new matter (false: not answered here) when it may not.
 */
async function answerFeedback(turn: Turn, trackingNo: string, text: string): Promise<boolean> {
  const rating = ratingInWords(text);
  const rateable = rating !== null && (await mayRate(turn, trackingNo));
  if (isRecurrence(text)) {
    if (!rateable) return false;
    turn.s.pending = { kind: "again", trackingNo, text };
    turn.reask();
    return true;
  }
  if (rating && rateable) {
    const reason = reasonInWords(text);
    turn.s.pending = { kind: "rate", trackingNo, ...rating, ...(reason && { reason }) };
    turn.reask();
    return true;
  }
  turn.say({
    text: turn.tr("feedbackOnAnswer", { trackingNo }),
    choices: menuButtons(turn.locale),
  });
  return true;
}

/**
 * "是编号 … 那件事没解决，还是要反映一件新的事？" — both answers are buttons, and the words of
 * each typed count: 没解决 / 那件事 for the old one, 新的 / 新问题 for a new matter.
 */
function againConfirmation(state: DialogueState, trackingNo: string): Confirmation {
  const locale = state.locale;
  const yes = { id: globalChoice("again", "old"), words: AGAIN_OLD_WORDS };
  const no = { id: globalChoice("again", "new"), words: AGAIN_NEW_WORDS };
  return {
    message: {
      text: t(locale, "againAsk", { trackingNo }),
      choices: [
        [{ id: yes.id, label: t(locale, "againOld", { trackingNo }) }],
        [{ id: no.id, label: t(locale, "againNew") }],
      ],
    },
    yes,
    no,
  };
}

const AGAIN_OLD_WORDS: readonly string[] = [
  "没解决",
  "那件事",
  "是那件事",
  "原来那件",
  "上次那件",
  "同一件",
  "老问题",
  "same",
  "the same",
  "not solved",
];
const AGAIN_NEW_WORDS: readonly string[] = [
  "新的",
  "新的事",
  "新问题",
  "反映新问题",
  "新的问题",
  "是新的",
  "new",
  "a new one",
];

/** "That one is not solved": the rating the words give is offered for a yes, as typed ratings are. */
function rateRecurrence(turn: Turn, again: Extract<Pending, { kind: "again" }>): void {
  const rating = ratingInWords(again.text) ?? { solved: false, satisfaction: "dissatisfied" };
  const reason = reasonInWords(again.text);
  turn.s.pending = {
    kind: "rate",
    trackingNo: again.trackingNo,
    ...rating,
    ...(reason && { reason }),
    // The photos sent with the words go with the rating, as evidence.
    ...(again.photos && { photos: again.photos }),
  };
  turn.reask();
}

/**
 * "A new matter": the words start a draft (asked for more when too few to describe it), with
 * the photos sent with them.
 */
async function fileRecurrence(
  turn: Turn,
  { text, photos }: Extract<Pending, { kind: "again" }>,
): Promise<void> {
  const draft = startDraft(turn);
  draft.photos = [...(photos ?? [])];
  const check = checkDescription(text);
  if (check.ok) return acceptDescription(turn, check.text, null);
  turn.ask("description");
}

/** Whether the answer may be rated now; false when it cannot be told (the buttons are pointed to). */
async function mayRate(turn: Turn, trackingNo: string): Promise<boolean> {
  try {
    return await turn.deps.ratings.mayRate(turn.s.citizenRef, trackingNo);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    return false;
  }
}

/** "Rate the answer to … as 已解决，满意?": yes stores it as the buttons would. */
function rateConfirmation(
  state: DialogueState,
  rating: Extract<Pending, { kind: "rate" }>,
): Confirmation {
  const locale = state.locale;
  const yes = { id: globalChoice("rate", "yes"), words: YES_WORDS };
  const no = { id: globalChoice("rate", "no"), words: NO_WORDS };
  return {
    message: {
      text: t(locale, "rateOffer", rating),
      choices: [
        [
          { id: yes.id, label: t(locale, "rateYes") },
          { id: no.id, label: t(locale, "rateNo") },
        ],
      ],
    },
    yes,
    no,
  };
}

/**
 * Stores the rating through the case's rules (once per answer, while answered or closed); a
 * negative one (未解决 or 不满意) is followed, as under the answer, by the offer of a review
 * and the question what was wrong.
 */
async function rateAnswer(turn: Turn, rating: Extract<Pending, { kind: "rate" }>): Promise<void> {
  const { s } = turn;
  const { trackingNo, solved, satisfaction } = rating;
  let decision;
  try {
    decision = await turn.deps.ratings.rate(s.citizenRef, trackingNo, { solved, satisfaction });
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    turn.say({ text: turn.tr("rateFailed") });
    return turn.reask();
  }
  s.pending = null;
  if (decision === "refused") {
    if (rating.photos?.length) turn.say({ text: turn.tr("photoNotKept") });
    turn.say({ text: turn.tr("rateRefused", { trackingNo }), choices: menuButtons(turn.locale) });
    return;
  }
  const negative = !solved || satisfaction === "dissatisfied";
  if (!negative) {
    turn.say({
      text: turn.tr("rated", { trackingNo, negative }),
      choices: menuButtons(turn.locale),
    });
    return keepRatingPhotos(turn, trackingNo, rating.photos ?? []);
  }
  turn.say({
    text: turn.tr("rated", { trackingNo, negative }),
    choices: [[{ id: globalChoice("review", trackingNo), label: turn.tr("reviewButton") }]],
  });
  await keepRatingPhotos(turn, trackingNo, rating.photos ?? []);
  if (rating.reason !== undefined && (await keptReason(turn, trackingNo, rating.reason))) {
    turn.say({ text: turn.tr("ratingReasonTaken") });
    return;
  }
  s.pending = { kind: "reason", trackingNo, askedAt: turn.now.toISOString() };
  turn.reask();
}

/**
 * The words that rated the answer kept as its reason ("少给了俺两千块"); false when they could
 * not be, and the question is asked instead (the failure told to the problems port).
 */
async function keptReason(turn: Turn, trackingNo: string, reason: string): Promise<boolean> {
  try {
    await turn.deps.ratings.recordReason(turn.s.citizenRef, trackingNo, reason);
    return true;
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    return false;
  }
}

/**
 * The words after "what was not solved?" kept as the rating's reason, as the reply to the
 * buttons' question is; words after the window has passed are read afresh.
 *
 * Words that read as a new matter ("我家楼下的下水道堵了，臭得很，在川汇区人民路") are kept as the
 * reason too, and offered for filing beside it (the offer of words typed outside a draft). Why
 * both, not one: an elderly citizen answers the question they were asked, or goes on to what
 * troubles them now, and neither may cost them their words. Kept as the reason, nothing said
 * about the answer is lost; offered for filing, a new matter is one tap from a draft with these
 * words, never retyped. A wrong guess costs one tap of 不用了, while taking the words away from
 * the reason, or filing them unasked, could not be undone by the citizen.
 */
async function answerReason(
  turn: Turn,
  asked: Extract<Pending, { kind: "reason" }>,
  text: string,
): Promise<void> {
  const { s } = turn;
  s.pending = null;
  if (!reasonStillAsked(turn, asked)) return onText(turn, text);
  // "不满意怎么办" asks the service, tells no reason: answered, and the reason asked again.
  const question = serviceQuestionIn(text);
  if (question?.alone) {
    s.pending = asked;
    return answerServiceQuestion(turn, question);
  }
  try {
    await turn.deps.ratings.recordReason(s.citizenRef, asked.trackingNo, text);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    s.pending = asked;
    turn.say({ text: turn.tr("ratingReasonFailed") });
    return;
  }
  // A photo under the reason ("还是没修" and the dark lamp) is kept with it, as evidence.
  const photos = turn.captionedPhoto === null ? [] : [turn.captionedPhoto];
  turn.captionedPhoto = null;
  await keepRatingPhotos(turn, asked.trackingNo, photos);
  if (
    await readsAsNewMatter(turn.deps, text, {
      citizenRef: s.citizenRef,
      trackingNo: asked.trackingNo,
    })
  ) {
    turn.say({ text: turn.tr("ratingReasonThanks") });
    return offerNewMatter(turn, text, photos);
  }
  turn.say({ text: turn.tr("ratingReasonThanks"), choices: menuButtons(turn.locale) });
}

/** Whether the words now are still the answer to "what was not solved?" (within the hour). */
function reasonStillAsked(turn: Turn, asked: Extract<Pending, { kind: "reason" }>): boolean {
  return turn.now.getTime() - Date.parse(asked.askedAt) <= REASON_WINDOW_MS;
}

/**
 * Keeps photos sent with a rating of the answer of `trackingNo` with that rating, as evidence
 * the staff open beside its reason, and tells the citizen whether they were kept.
 */
async function keepRatingPhotos(
  turn: Turn,
  trackingNo: string,
  photos: readonly string[],
): Promise<void> {
  if (photos.length === 0) return;
  let kept = 0;
  try {
    kept = await turn.deps.ratings.recordPhotos(turn.s.citizenRef, trackingNo, photos);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
  }
  turn.say({
    text: kept > 0 ? turn.tr("ratingPhotosKept", { count: kept }) : turn.tr("photoNotKept"),
  });
}

/**
 * Words kept as a reason that read as a new matter: offered for filing beside it, with the
 * photos sent with them.
 */
function offerNewMatter(turn: Turn, text: string, photos: readonly string[] = []): void {
  turn.s.pending = { kind: "offer", text, ...(photos.length > 0 && { photos: [...photos] }) };
  turn.say({ text: turn.tr("reasonMayBeNewMatter") });
  turn.reask();
}

/**
 * True when words read as a complaint of their own, not a reason given about an answer: a
 * description the intake would take ({@link checkDescription}), not words about an answer
 * ({@link isFeedbackOnAnswer}), that names a danger ({@link detectHazards}) or a place as a
 * first message's place is read ({@link placeNamedIn}) — a reason speaks of the case answered,
 * whose place the staff know — or that is of another kind than the case rated
 * ({@link isOfAnotherKind}: "还有个事，俺村东头的路灯坏了" after a lift's answer).
 */
async function readsAsNewMatter(
  deps: ResolvedDeps,
  text: string,
  about: RatedCase,
): Promise<boolean> {
  if (!checkDescription(text).ok || isFeedbackOnAnswer(text)) return false;
  return (
    detectHazards(text).length > 0 ||
    placeNamedIn(deps, text, regionKnown(deps, deps.regionDetector.detect(text))).named ||
    (await isOfAnotherKind(deps, text, about))
  );
}

/**
 * True when the classifier, as it reads a first message, is sure the words are of another
 * category than the case rated. A reason about the answer speaks of the same kind of matter,
 * so only a sure reading of another kind counts; when the kind cannot be told now (the case
 * cannot be read, as in latestAnsweredCase; the classifier failed, told to problems), the
 * words are the reason alone.
 */
async function isOfAnotherKind(
  deps: ResolvedDeps,
  text: string,
  about: RatedCase,
): Promise<boolean> {
  let rated;
  try {
    rated = await deps.cases.get(about.citizenRef, about.trackingNo);
  } catch (error) {
    deps.problems.casesUnreadable?.(error);
    return false;
  }
  return rated !== null && (await isSurelyOtherThan(deps, text, rated.category));
}

/** True when the classifier is sure `text` is of a category other than `category`. */
async function isSurelyOtherThan(
  deps: ResolvedDeps,
  text: string,
  category: string,
): Promise<boolean> {
  const read = await classifiedOrNull(deps, text);
  return read !== null && surelyAnotherKind(read, category);
}

/**
 * True when a reading is sure (not unsure, at least `from` confident) of a category other than
 * `category` and the fallback: the one test of "another kind of matter".
 */
function surelyAnotherKind(read: Classification, category: string, from = 0): boolean {
  return (
    !read.unsure &&
    read.confidence >= from &&
    read.category !== FALLBACK_CATEGORY &&
    read.category !== category
  );
}

/** The classifier's reading of `text`; null when it failed (told to problems). */
async function classifiedOrNull(deps: ResolvedDeps, text: string): Promise<Classification | null> {
  try {
    return await deps.classifier.classify(text);
  } catch (error) {
    deps.problems.classifierFailed(error);
    return null;
  }
}

// ---------------------------------------------------------------- withdrawal (撤回)

/**
 * A case still being decided on or handled, of the citizen's own or one they joined (附议):
 * one they may withdraw (a supporter their support).
 */
function isRunning(found: CitizenCaseSummary): boolean {
  return RUNNING_CITIZEN_STATUSES.includes(found.status);
}

/** A running case of the citizen's own (not one they joined): one they may add to. */
function isOwnRunning(found: CitizenCaseSummary): boolean {
  return !found.supported && isRunning(found);
}

function withdrawalOf(found: CitizenCaseSummary): Extract<Pending, { kind: "withdraw" }> {
  return {
    kind: "withdraw",
    trackingNo: found.trackingNo,
    category: found.category,
    ...(found.supported && { supported: true }),
  };
}

/** The cases of `cases` that `may` (be withdrawn, be added to), newest first. */
function newestOf(
  cases: readonly CitizenCaseSummary[],
  may: (found: CitizenCaseSummary) => boolean,
): CitizenCaseSummary[] {
  return cases.filter(may).sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
}

/**
 * Words asking to withdraw: the one case that may be is asked about, several are offered as
 * buttons; with none, the citizen is told so — unless an answered case makes the words
 * feedback on its answer ("修好了，不用管了"; false: read on).
 */
async function offerWithdrawal(turn: Turn): Promise<boolean> {
  if (turn.deps.withdrawals === NO_WITHDRAWALS) return false;
  const cases = await listedCases(turn);
  if (cases === null) return true;
  const open = newestOf(cases, isRunning);
  const [only] = open;
  if (only && open.length === 1) {
    turn.s.pending = withdrawalOf(only);
    turn.reask();
    return true;
  }
  if (open.length > 1) {
    turn.say({
      text: turn.tr("withdrawWhich"),
      choices: caseChoiceButtons(
        turn.locale,
        turn.deps.directory,
        "withdraw",
        open.slice(0, MAX_OFFERED_CASES),
      ),
    });
    return true;
  }
  if (cases.some((c) => c.status === "answered" && !c.supported)) return false;
  turn.say({ text: turn.tr("withdrawNothing"), choices: menuButtons(turn.locale) });
  return true;
}

/** A button per case, to withdraw it or add to it ("withdraw:ZK-…", "补充到 ZK-…（类别）"). */
function caseChoiceButtons(
  locale: Locale,
  directory: Directory,
  action: "withdraw" | "supplement",
  cases: readonly (Pick<CitizenCaseSummary, "trackingNo" | "category"> & { supported?: boolean })[],
): ChoiceButton[][] {
  return cases.map((c) => [
    {
      id: globalChoice(action, c.trackingNo),
      label: t(locale, `${action}CaseButton`, {
        trackingNo: c.trackingNo,
        categoryName: categoryName(directory, locale, c.category),
        supported: c.supported === true,
      }),
    },
  ]);
}

/** "Withdraw …?" — nothing changes before the citizen's yes. */
function withdrawConfirmation(
  state: DialogueState,
  pending: Extract<Pending, { kind: "withdraw" }>,
  directory: Directory,
): Confirmation {
  const { locale } = state;
  const text = t(locale, "withdrawAsk", {
    trackingNo: pending.trackingNo,
    categoryName: categoryName(directory, locale, pending.category),
    supported: pending.supported === true,
  });
  return caseConfirmation(locale, "withdraw", text, [...NO_WORDS, ...KEEP_CASE_WORDS]);
}

/**
 * The yes/no question about one of the citizen's cases (withdraw it, add to it): the buttons
 * `<action>:yes` and `<action>:no`, labelled by the catalogue's `<action>Yes` and `<action>No`.
 */
function caseConfirmation(
  locale: Locale,
  action: "withdraw" | "supplement",
  text: string,
  noWords: readonly string[],
  labels = { yes: t(locale, `${action}Yes`), no: t(locale, `${action}No`) },
): Confirmation {
  const yes = { id: globalChoice(action, "yes"), words: YES_WORDS };
  const no = { id: globalChoice(action, "no"), words: noWords };
  return {
    message: {
      text,
      choices: [
        [
          { id: yes.id, label: labels.yes },
          { id: no.id, label: labels.no },
        ],
      ],
    },
    yes,
    no,
  };
}

/** A withdraw button: a case's ("withdraw:ZK-…") asks first; the question's yes or no answers it. */
async function onWithdrawChoice(turn: Turn, value: string): Promise<void> {
  const { s } = turn;
  if (value === "yes" || value === "no") {
    const pending = s.pending;
    if (pending?.kind !== "withdraw") return stale(turn);
    s.pending = null;
    if (value === "yes") return withdraw(turn, pending);
    const supported = pending.supported === true;
    return sayThenGoOn(
      turn,
      turn.tr("withdrawKept", { trackingNo: pending.trackingNo, supported }),
    );
  }
  const found = await caseOfButton(turn, value, isRunning, "withdrawRefused");
  if (!found) return;
  s.pending = withdrawalOf(found);
  turn.reask();
}

/**
 * The citizen's case a button names ("withdraw:ZK-…"), when `may` allows what the button
 * does to it; null otherwise, the citizen told so (`refused`), or that their cases cannot be
 * read now.
 */
async function caseOfButton(
  turn: Turn,
  value: string,
  may: (found: CitizenCaseSummary) => boolean,
  refused: "withdrawRefused" | "supplementRefused",
): Promise<CitizenCaseSummary | null> {
  const trackingNo = normaliseTrackingNo(value);
  let found;
  try {
    found = await turn.deps.cases.get(turn.s.citizenRef, trackingNo);
  } catch (error) {
    turn.deps.problems.casesUnreadable?.(error);
    sayThenGoOn(turn, turn.tr("casesUnavailable"));
    return null;
  }
  if (found && may(found)) return found;
  sayThenGoOn(turn, turn.tr(refused, { trackingNo }));
  return null;
}

async function withdraw(
  turn: Turn,
  { trackingNo, supported = false }: Extract<Pending, { kind: "withdraw" }>,
): Promise<void> {
  const { withdrawals } = turn.deps;
  let decision;
  try {
    decision = await (supported
      ? withdrawals.withdrawSupport(turn.s.citizenRef, trackingNo)
      : withdrawals.withdraw(turn.s.citizenRef, trackingNo));
  } catch (error) {
    turn.deps.problems.withdrawalFailed?.(error);
    return sayThenGoOn(turn, turn.tr("withdrawFailed"));
  }
  if (decision === "done") {
    return sayThenGoOn(turn, turn.tr("withdrawDone", { trackingNo, supported }));
  }
  sayThenGoOn(turn, turn.tr("withdrawRefused", { trackingNo }));
}

/** What became of the withdrawal or addition, then the draft's question again, or the menu. */
function sayThenGoOn(turn: Turn, text: string): void {
  if (!turn.s.draft) return turn.say({ text, choices: menuButtons(turn.locale) });
  turn.say({ text });
  turn.reask();
}

// ---------------------------------------------------------------- addition (补充)

type SupplementPending = Extract<Pending, { kind: "supplement" }>;

function caseRefOf(found: CitizenCaseSummary): CaseRef {
  return { trackingNo: found.trackingNo, category: found.category };
}

/**
 * Words offered for filing become an addition (补充) to one of the running cases offered beside
 * them (`cases`, or all of them to choose from): asked about before anything is stored.
 */
function addOfferTo(
  turn: Turn,
  offer: Extract<Pending, { kind: "offer" }>,
  cases: readonly CaseRef[] = offer.addTo ?? [],
): void {
  turn.s.pending = {
    kind: "supplement",
    cases: [...cases],
    text: offer.text,
    ...(offer.photos && { photos: offer.photos }),
  };
  turn.reask();
}

/**
 * Words asking to add to a case ("补充一下：…", `words` the addition, or null when it is still to
 * come): the one running case is asked about, several are offered as buttons. With none the
 * citizen is told so; words said with it are then read on as any words (false), the bare ask
 * ends there.
 */
async function offerSupplement(turn: Turn, words: string | null): Promise<boolean> {
  if (turn.deps.supplements === NO_SUPPLEMENTS) return false;
  const cases = await listedCases(turn);
  if (cases === null) return true;
  const open = newestOf(cases, isOwnRunning).slice(0, MAX_OFFERED_CASES);
  if (open.length === 0) {
    if (words !== null) {
      turn.say({ text: turn.tr("supplementNothing") });
      return false;
    }
    turn.say({ text: turn.tr("supplementNothing"), choices: menuButtons(turn.locale) });
    return true;
  }
  // A photo whose caption asks to add goes with the addition, and the question says so.
  const photo = turn.captionedPhoto;
  turn.captionedPhoto = null;
  turn.s.pending = {
    kind: "supplement",
    cases: open.map(caseRefOf),
    text: words,
    ...(photo !== null && { photos: [photo] }),
  };
  turn.reask();
  return true;
}

/**
 * What the addition waits for, other than a yes or no: the case to add to, or the words — with
 * photos, beside a button that adds the photos alone, for a citizen who will not or cannot
 * write. Null once both are known (the yes/no question of supplementConfirmation).
 */
function supplementPrompt(turn: Turn, pending: SupplementPending): OutgoingMessage | null {
  const [only] = pending.cases;
  if (pending.cases.length > 1 || !only) {
    return {
      text: turn.tr("supplementWhich"),
      choices: caseChoiceButtons(turn.locale, turn.deps.directory, "supplement", pending.cases),
    };
  }
  if (pending.text === null) {
    const photos = pending.photos?.length ?? 0;
    const text = turn.tr("supplementWordsAsk", { trackingNo: only.trackingNo, photos });
    if (photos === 0) return { text };
    const label = turn.tr("supplementPhotosOnly", { photos });
    return { text, choices: [[{ id: globalChoice("supplement", PHOTOS_ONLY), label }]] };
  }
  return null;
}

/** The supplement button's value that adds the photos waiting without words. */
const PHOTOS_ONLY = "photos";

/** "Add these words to no. …?" — nothing is stored before the citizen's yes. */
function supplementConfirmation(
  state: DialogueState,
  pending: SupplementPending,
  directory: Directory,
): Confirmation | null {
  const [only] = pending.cases;
  if (pending.cases.length > 1 || !only || pending.text === null) return null;
  const { locale } = state;
  const asked = {
    trackingNo: only.trackingNo,
    categoryName: categoryName(directory, locale, only.category),
    text: pending.text,
    photos: pending.photos?.length ?? 0,
  };
  if (!pending.suggested) {
    return caseConfirmation(locale, "supplement", t(locale, "supplementAsk", asked), NO_WORDS);
  }
  return caseConfirmation(locale, "supplement", t(locale, "supplementSuggest", asked), NO_WORDS, {
    yes: t(locale, "supplementSuggestYes"),
    no: t(locale, "supplementSuggestNo"),
  });
}

/**
 * A supplement button: a case's ("supplement:ZK-…", under its page or among several offered)
 * picks the case; the question's yes adds the words, its no keeps them for a new matter.
 */
async function onSupplementChoice(turn: Turn, value: string): Promise<void> {
  const { s } = turn;
  const pending = s.pending?.kind === "supplement" ? s.pending : null;
  if (value === PHOTOS_ONLY) {
    const only = pending?.cases.length === 1 ? pending.cases[0] : undefined;
    if (!pending || !only || pending.text !== null || !pending.photos?.length) return stale(turn);
    s.pending = null;
    return supplement(turn, pending, only.trackingNo, null);
  }
  if (value === "yes" || value === "no") {
    const only = pending?.cases.length === 1 ? pending.cases[0] : undefined;
    if (!pending || !only || pending.text === null) return stale(turn);
    s.pending = null;
    if (value === "yes") return supplement(turn, pending, only.trackingNo, pending.text);
    // "不是，这是新的事" to an addition suggested unasked: the words are the new matter's.
    if (pending.suggested && !s.draft) {
      return acceptOffer(turn, {
        kind: "offer",
        text: pending.text,
        ...(pending.photos && { photos: pending.photos }),
      });
    }
    // Words not added are not lost: they are offered as a new matter, as any words would be,
    // with the photos sent with them.
    turn.say({ text: turn.tr("supplementDeclined") });
    if (s.draft) {
      if (pending.photos?.length) turn.say({ text: turn.tr("photoNotKept") });
      return turn.reask();
    }
    s.pending = {
      kind: "offer",
      text: pending.text,
      ...(pending.photos && { photos: pending.photos }),
    };
    return turn.reask();
  }
  const offered = s.pending?.kind === "offer" ? s.pending : null;
  const found = await caseOfButton(turn, value, isOwnRunning, "supplementRefused");
  if (!found) return;
  if (offered) return addOfferTo(turn, offered, [caseRefOf(found)]);
  s.pending = {
    kind: "supplement",
    cases: [caseRefOf(found)],
    text: pending?.text ?? null,
    ...(pending?.photos && { photos: pending.photos }),
  };
  turn.reask();
}

/**
 * The words asked for ("请说要补充的内容"): a no word ends the addition; with photos waiting, a
 * yes ("是的", to "是补充您正在办理的事吗？") or words that only point at them ("就是这个") add
 * the photos alone; other words are the words.
 */
async function takeSupplementWords(
  turn: Turn,
  pending: SupplementPending,
  text: string,
): Promise<void> {
  const { s } = turn;
  if (saysOneOf(NO_WORDS, text)) {
    s.pending = null;
    return sayThenGoOn(turn, turn.tr("supplementDeclined"));
  }
  const [only] = pending.cases;
  const photosAlone =
    (pending.photos?.length ?? 0) > 0 && (saysOneOf(YES_WORDS, text) || onlyPointsAtPhotos(text));
  if (photosAlone) {
    // With several cases the one to add to is asked first (its words question then offers
    // the photos alone again): the pointing words are no words to add.
    if (!only || pending.cases.length > 1) return turn.reask();
    s.pending = null;
    return supplement(turn, pending, only.trackingNo, null);
  }
  const length = charLength(text);
  if (length > MAX_DESCRIPTION_LENGTH) {
    turn.say({
      text: turn.tr("descriptionProblem", {
        problem: "too_long",
        length,
        max: MAX_DESCRIPTION_LENGTH,
      }),
    });
    return;
  }
  s.pending = { ...pending, text };
  turn.reask();
}

/**
 * Adds the words (null: the photos alone); when that fails they stay asked about, for the
 * citizen's yes again later.
 */
async function supplement(
  turn: Turn,
  asked: SupplementPending,
  trackingNo: string,
  text: string | null,
): Promise<void> {
  let decision;
  try {
    decision = await turn.deps.supplements.supplement(
      turn.s.citizenRef,
      trackingNo,
      text,
      asked.photos ?? [],
    );
  } catch (error) {
    turn.deps.problems.supplementFailed?.(error);
    turn.say({ text: turn.tr("supplementFailed") });
    turn.s.pending = asked;
    return turn.reask();
  }
  const photos = asked.photos?.length ?? 0;
  sayThenGoOn(
    turn,
    decision === "done"
      ? turn.tr("supplementDone", { trackingNo, words: text !== null, photos })
      : turn.tr("supplementRefused", { trackingNo }),
  );
}

/** The review button under a negative rating: 复查 (or 复核) through the case's rules. */
async function requestReview(turn: Turn, trackingNo: string): Promise<void> {
  const { s } = turn;
  let decision;
  try {
    decision = await turn.deps.ratings.requestReview(s.citizenRef, trackingNo);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    turn.say({ text: turn.tr("reviewFailed") });
    if (s.draft || s.pending) turn.reask();
    return;
  }
  turn.say({
    text:
      decision === "done" ? turn.tr("reviewRequested", { trackingNo }) : turn.tr("reviewRefused"),
  });
  if (s.draft || s.pending) turn.reask();
}

/**
 * The tracking number of the citizen's own latest answered case, or null (none, or the
 * cases cannot be read now: the words are then taken as they come).
 */
async function latestAnsweredCase(turn: Turn): Promise<string | null> {
  const cases = await turn.citizenCases();
  const [latest] = newestOf(cases ?? [], (c) => c.status === "answered" && !c.supported);
  return latest?.trackingNo ?? null;
}

async function onDescriptionText(turn: Turn, text: string): Promise<void> {
  const check = checkDescription(text);
  if (!check.ok) {
    turn.sayWithButtons(
      turn.tr("descriptionProblem", {
        problem: check.problem,
        length: check.length,
        max: MAX_DESCRIPTION_LENGTH,
      }),
    );
    return;
  }
  return acceptDescription(turn, check.text, turn.messageId);
}

/**
 * Stores a valid description and learns from it what it can (category, region, time, danger).
 * `messageId`: the channel's id of the one message the words are, for an edit of it.
 */
async function acceptDescription(
  turn: Turn,
  description: string,
  messageId: string | null,
): Promise<void> {
  const draft = turn.draft();
  if (draft.descriptionMessageId !== null) draft.correctedMessageId = draft.descriptionMessageId;
  draft.description = description;
  draft.descriptionMessageId = messageId;
  await analyseDescription(turn, draft);
  turn.advance();
}

async function analyseDescription(turn: Turn, draft: Draft): Promise<void> {
  const { deps } = turn;
  const description = draft.description ?? "";
  if (detectHazards(description).length > 0) draft.isEmergency = true;
  draft.classification = await classified(turn, draft, draft.region?.code ?? null);
  // A town of one region only says the region when the words name none ("Dongxiating Town": the
  // region detector reads region names in pinyin, not towns).
  const townsNamed = deps.placeReader.readDescription(description).townWords;
  const guessed = knownRegion(turn, draft.classification?.region ?? null) ?? regionOf(townsNamed);
  const regionNamed = regionFromDescription(turn, draft, guessed);
  const place = placeNamedIn(deps, description, regionNamed);
  const town = townOfRegion(place.townWords, draft.region?.code ?? null);
  if (draft.address === null && place.address !== null) {
    draft.address = place.address;
    draft.placePrecision = place.precision;
  } else if (draft.address === null && town !== null) {
    // "俺是西华县东夏亭镇的…" names the town but no street: the town is where so far.
    draft.address = town;
    draft.placePrecision = "town";
  }
  // A town the first words named stays the draft's when a later description names another.
  if (draft.region !== null && draft.region.source !== "coordinates") draft.region.town ??= town;
  draft.placeInDescription = place.hinted || draft.address !== null;
  takeTimeSaid(turn, draft, description);
}

/**
 * A time said before it is asked — in the description, or with the place ("建业小区，有一个
 * 多月了") — answers the time question, unless one is known already or it lies ahead.
 */
function takeTimeSaid(turn: Turn, draft: Draft, text: string): void {
  if (draft.occurredAt === null) draft.occurredAt = pastTimeIn(turn, text);
}

/**
 * "前年的事了" where the place or county is asked answers when, not where (the citizen read
 * ahead or misread): the time is kept and the question asked again, instead of "前年的事了"
 * taken as the address or answered with "use the buttons".
 */
function answersTimeNotPlace(turn: Turn, draft: Draft, text: string): boolean {
  const when = pastTimeIn(turn, text);
  if (!when || hasAddressHint(text)) return false;
  const place = turn.deps.placeReader.readDescription(text);
  if (place.place !== null || place.regionWords.length > 0 || place.townWords.length > 0) {
    return false;
  }
  draft.occurredAt = when;
  turn.say({ text: turn.tr("timeNotedNotPlace", { words: when.text }) });
  turn.reask();
  return true;
}

function pastTimeIn(turn: Turn, text: string): OccurredAt | null {
  const when = turn.deps.timeParser.parse(text, turn.now);
  return when && when.date <= beijingDateString(turn.now) ? when : null;
}

function knownRegion(turn: Turn, code: string | null): string | null {
  return regionKnown(turn.deps, code);
}

function regionKnown(deps: ResolvedDeps, code: string | null): string | null {
  return code !== null && deps.directory.regions.some((r) => r.code === code) ? code : null;
}

/**
 * Where a description says the matter is, as a first message is read: an address mark
 * ("3号楼", "人民路口", a named 小区 or 村: `hinted`), and the street or landmark it names
 * (`address`) when it also says where in the city — a region or town (`regionNamed`: the
 * region detected in it), in any script ("川汇区
 * 人民路" keeps 人民路); a place word alone ("楼下饭店") is no address. `named`: either.
 */
function placeNamedIn(
  deps: ResolvedDeps,
  text: string,
  regionNamed: string | null,
): {
  hinted: boolean;
  address: string | null;
  precision: Draft["placePrecision"];
  named: boolean;
  townWords: readonly PlaceWord[];
} {
  const hinted = hasAddressHint(text);
  const place = deps.placeReader.readDescription(text);
  const namesWhere =
    hinted || place.regionWords.length > 0 || place.townWords.length > 0 || regionNamed !== null;
  const address = place.place !== null && namesWhere ? place.place : null;
  return {
    hinted,
    address,
    precision: place.precision,
    named: hinted || address !== null,
    townWords: place.townWords,
  };
}

/** The one region all the town words name, or null. */
function regionOf(towns: readonly PlaceWord[]): string | null {
  const regions = new Set(towns.flatMap((word) => word.regions));
  return regions.size === 1 ? [...regions][0]! : null;
}

/** The one town of `region` the words name, by its official name (城关镇 is in several counties). */
function townOfRegion(words: readonly PlaceWord[], region: string | null): string | null {
  const towns = new Set(
    words.flatMap((word) => {
      const town = region === null ? undefined : word.townIn[region];
      return town === undefined ? [] : [town];
    }),
  );
  return towns.size === 1 ? [...towns][0]! : null;
}

/**
 * 其他 / 不确定 (tapped, or "不知道" typed at the list): no kind of matter of the citizen's. The
 * case is filed under the directory's 其他, which the clerks triage, with the classifier's
 * own answer kept for them.
 */
function leaveKindToClerk(turn: Turn, draft: Draft): void {
  draft.category = FALLBACK_CATEGORY;
  draft.categoryLeftToClerk = true;
  turn.advance();
}

/** The one category a text names by its name ("水电气暖", "Utilities"); null for none or several. */
function categoryNamedIn(directory: Directory, text: string): string | null {
  const lower = text.toLowerCase();
  const named = directory.categories.filter(
    (c) => text.includes(c.name) || lower.includes(c.nameEn.toLowerCase()),
  );
  return named.length === 1 ? named[0]!.code : null;
}

async function onCategoryText(turn: Turn, draft: Draft, text: string): Promise<void> {
  if (turn.s.step === "category" && saysOneOf(YES_WORDS, text)) {
    draft.category = draft.classification?.category ?? FALLBACK_CATEGORY;
    draft.categoryLeftToClerk = false;
    return turn.advance();
  }
  if (turn.s.step === "category_list" && isUnknownTimeAnswer(text)) {
    return leaveKindToClerk(turn, draft);
  }
  if (saysOneOf(NO_WORDS, text)) return turn.ask("category_list");
  const named = turn.s.step === "category_list" ? categoryNamedIn(turn.deps.directory, text) : null;
  if (named) {
    draft.category = named;
    draft.categoryLeftToClerk = false;
    return turn.advance();
  }
  const letters = meaningfulChars(text).length;
  if (letters >= 4 && draft.description !== null) {
    if (!appendToDescription(turn, draft, text, (problem) => turn.sayWithButtons(problem))) return;
    await analyseDescription(turn, draft);
    // The words just added are the citizen's latest: their time ("前天开始的") replaces one
    // read before ("堵了好几天了").
    draft.occurredAt = pastTimeIn(turn, text) ?? draft.occurredAt;
    turn.say({ text: turn.tr("descriptionAdded") });
    return turn.ask(isConfidentGuess(draft, turn.deps.directory) ? "category" : "category_list");
  }
  turn.sayWithButtons(turn.tr("categoryUseButtons"));
}

/**
 * "不知道" said alone means the citizen cannot tell where; said beside a road, a landmark
 * ("就在莲花大道边上，叫什么名字俺不知道") or a county or town ("就在项城那边的工地，叫啥公司
 * 俺也不知道") it is about a detail, and the place is kept.
 */
function cannotTellWhere(turn: Turn, text: string): boolean {
  if (!isUnknownTimeAnswer(text)) return false;
  const { keys, regionWords, townWords } = turn.deps.placeReader.readDescription(text);
  if (regionWords.length > 0 || townWords.length > 0) return false;
  return !keys.some((key) => key.kind !== "party");
}

async function onPlaceText(turn: Turn, draft: Draft, said: string): Promise<void> {
  const text = addressAsSaid(said);
  if (cannotTellWhere(turn, text)) {
    draft.streetAsked = true;
    return turn.ask("region");
  }
  if (answersTimeNotPlace(turn, draft, text)) return;
  if (meaningfulChars(text).length < 2) return turn.sayWithButtons(turn.tr("placeTooShort"));
  if (charLength(text) > MAX_ADDRESS_LENGTH) {
    return turn.sayWithButtons(turn.tr("placeTooLong", { max: MAX_ADDRESS_LENGTH }));
  }
  draft.address = text;
  draft.location = null;
  draft.nearby = null;
  // The typed address replaces whatever place the description named.
  draft.placeInDescription = false;
  const read = turn.deps.placeReader.readAddress(text);
  draft.placePrecision = read.precision;
  // "项城那边，具体在哪俺也不知道": the road would be asked next, and the citizen said already
  // that they cannot tell it.
  if (isUnknownTimeAnswer(text)) draft.streetAsked = true;
  takeTimeSaid(turn, draft, text);
  const code = knownRegion(turn, turn.deps.regionDetector.detect(text));
  draft.region = code
    ? { code, source: "address", town: townOfRegion(read.townWords, code) }
    : null;
  if (!code) return turn.ask("region");
  turn.advance();
}

/**
 * A shared location: kept with the place's name when the channel sent one. The region
 * comes from words first (the place's name, else what the draft already knows) and from
 * the coordinates only when no words decided it.
 */
async function onLocation(
  turn: Turn,
  point: { latitude: number; longitude: number },
  placeName: string | undefined,
): Promise<void> {
  const { s, deps } = turn;
  const draft = s.draft;
  if (!draft) {
    turn.say({
      text: turn.tr("outsideDraft", { what: "location" }),
      choices: menuButtons(turn.locale),
    });
    return;
  }
  const step = s.step;
  draft.location = point;
  draft.nearby = null;
  const address = placeName ? cleanText(placeName).slice(0, MAX_ADDRESS_LENGTH) : null;
  if (step === "place") {
    draft.address = address;
    draft.region = null;
  } else if (address !== null && draft.address === null) {
    draft.address = address;
  }
  if (step === "street") draft.streetAsked = true;
  const byWords = address === null ? null : knownRegion(turn, deps.regionDetector.detect(address));
  if (byWords !== null && (draft.region === null || draft.region.code === null)) {
    draft.region = { code: byWords, source: "address", town: null };
  } else if (
    draft.region === null ||
    draft.region.code === null ||
    draft.region.source === "coordinates"
  ) {
    const placed = deps.locator?.locate(point);
    if (placed?.inCity) {
      draft.region = { code: placed.region, source: "coordinates", town: placed.town };
      turn.say({
        text: turn.tr("locationPlaced", {
          region: regionName(deps.directory, turn.locale, placed.region),
          town: placed.town,
        }),
      });
    }
  }
  if (step === "place" || step === "region" || step === "street" || step === "nearby") {
    return turn.advance();
  }
  turn.reask();
}

/** The answer to "which road or landmark?": kept beside what the citizen said before. */
async function onStreetText(turn: Turn, draft: Draft, text: string): Promise<void> {
  if (SKIP.test(text) || cannotTellWhere(turn, text)) {
    draft.streetAsked = true;
    return turn.advance();
  }
  if (answersTimeNotPlace(turn, draft, text)) return;
  if (meaningfulChars(text).length < 2) return turn.sayWithButtons(turn.tr("placeTooShort"));
  const read = turn.deps.placeReader.readAddress(text);
  const added = addToAddress(turn, draft, text, read.precision);
  if (!added) return turn.sayWithButtons(turn.tr("placeTooLong", { max: MAX_ADDRESS_LENGTH }));
  takeTimeSaid(turn, draft, text);
  // "俺家门口" tells the citizen where, not the staff: asked once more (the words are kept).
  if (read.place === null && !draft.streetVague) draft.streetVague = true;
  else draft.streetAsked = true;
  turn.advance();
}

/**
 * Adds typed words to the draft's address; false when the address would be too long. Words
 * that name no place ("就俺家门口啊") follow a named place in brackets, so the clerk reads
 * where first and the citizen's own words after it.
 */
function addToAddress(
  turn: Turn,
  draft: Draft,
  text: string,
  precision: Draft["placePrecision"],
): boolean {
  const address = draft.address === null ? text : joinedAddress(turn, draft.address, text);
  if (charLength(address) > MAX_ADDRESS_LENGTH) return false;
  draft.address = address;
  draft.placePrecision = precision;
  return true;
}

function joinedAddress(turn: Turn, before: string, added: string): string {
  const { placeReader } = turn.deps;
  const namesNoPlace = (words: string) => placeReader.readAddress(words).precision === "none";
  if (namesNoPlace(before) && !namesNoPlace(added)) return `${added}（${before}）`;
  return `${before} ${added}`;
}

// ---------------------------------------------------------------- nearby reports (附议)

/**
 * Looks up open cases of the same problem near the draft's place. None (or a failing
 * lookup) moves on to the next question; otherwise they are offered to join.
 */
async function lookUpNearby(turn: Turn): Promise<void> {
  turn.nearbyDue = false;
  const draft = turn.draft();
  const { deps } = turn;
  const question = nearbyQuestion(turn.s.citizenRef, draft, deps.placeReader);
  let found: Awaited<ReturnType<NearbyCases["find"]>> = [];
  if (question) {
    try {
      found = await deps.nearby.find(question);
    } catch (error) {
      deps.problems.nearbyFailed?.(error);
    }
  }
  draft.nearby = found.map((c) => offerOf(c, deps.placeReader));
  if (draft.nearby.length === 0) return turn.advance();
  turn.reask();
}

/** "Not the same": the draft goes on as if nothing had been offered. */
function fileAnyway(turn: Turn, draft: Draft): void {
  draft.nearby = [];
  turn.advance();
}

async function onNearbyText(turn: Turn, draft: Draft, text: string): Promise<void> {
  const offers = draft.nearby ?? [];
  if (saysOneOf(NO_WORDS, text) || FILE_ANYWAY.test(text)) return fileAnyway(turn, draft);
  const index =
    saysOneOf(YES_WORDS, text) && offers.length === 1 ? 0 : offerIndex(text, offers.length);
  if (index === null) {
    return turn.sayWithButtons(turn.tr("nearbyUseButtons", { count: offers.length }));
  }
  return joinNearby(turn, draft, offers[index]!.trackingNo);
}

/** Joins the case instead of filing: the draft ends; a case closed meanwhile is taken off the list. */
async function joinNearby(turn: Turn, draft: Draft, trackingNo: string): Promise<void> {
  const { s } = turn;
  let outcome;
  try {
    outcome = await turn.deps.nearby.join(s.citizenRef, trackingNo, s.locale);
  } catch (error) {
    turn.deps.problems.nearbyFailed?.(error);
    return turn.sayWithButtons(turn.tr("nearbyJoinFailed"));
  }
  if (outcome === "not_open") {
    draft.nearby = (draft.nearby ?? []).filter((o) => o.trackingNo !== trackingNo);
    turn.say({ text: turn.tr("nearbyClosed") });
    return turn.advance();
  }
  s.draft = null;
  s.step = "idle";
  s.pending = null;
  turn.say({ text: turn.tr("nearbyJoined", { trackingNo, outcome }), removeKeyboard: true });
}

/** The draft's region source as the routing explanation says it. */
const REGION_DECISION: Readonly<Record<NonNullable<Draft["region"]>["source"], RegionDecision>> = {
  description: "words",
  address: "address",
  citizen: "dialogue",
  coordinates: "coordinates",
};

/** The draft's region source as the case keeps it: the citizen's words and buttons are text. */
function regionSourceOf(source: NonNullable<Draft["region"]>["source"]): "text" | "coordinates" {
  return source === "coordinates" ? "coordinates" : "text";
}

async function onRegionText(turn: Turn, draft: Draft, text: string): Promise<void> {
  const code = knownRegion(turn, turn.deps.regionDetector.detect(text));
  if (code) {
    // "商水县练集镇王庄村" answers more than the county: the town and village are the address.
    const { precision, townWords } = turn.deps.placeReader.readAddress(text);
    draft.region = { code, source: "citizen", town: townOfRegion(townWords, code) };
    if (precision === "street" || precision === "town") addToAddress(turn, draft, text, precision);
    takeTimeSaid(turn, draft, text);
    return turn.advance();
  }
  if (isUnknownTimeAnswer(text)) {
    draft.region = { code: null, source: "citizen", town: null };
    // "不知道是哪个区，就在七一路菜市场那边": the clerk finds the district by the place kept.
    if (!cannotTellWhere(turn, text)) addToAddress(turn, draft, text, "street");
    return turn.advance();
  }
  if (answersTimeNotPlace(turn, draft, text)) return;
  turn.sayWithButtons(turn.tr("regionUseButtons"));
}

async function onTimeText(turn: Turn, draft: Draft, text: string): Promise<void> {
  // A time said beside "记不清" ("具体哪天记不清了，反正上个月就开始了") is still a time.
  const when = turn.deps.timeParser.parse(text, turn.now);
  const undated = when ? null : undatedTimeAnswer(text);
  if (undated) {
    draft.occurredAt = { unknown: true, text: undated.text };
    return turn.advance();
  }
  if (!when && isUnknownTimeAnswer(text)) {
    draft.occurredAt = { unknown: true };
    return turn.advance();
  }
  if (!when) return turn.sayWithButtons(turn.tr("timeNotUnderstood"));
  if (when.date > beijingDateString(turn.now)) return turn.sayWithButtons(turn.tr("timeFuture"));
  draft.occurredAt = when;
  turn.advance();
}

// ---------------------------------------------------------------- contact and photos

function cleanName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const name = cleanText(raw).replace(/\s+/g, " ");
  return name.length > 0 && charLength(name) <= 20 && /\p{L}/u.test(name) ? name : null;
}

/** The number (and name) the description gave is the contact; a name not given is asked. */
function useContactSaid(
  turn: Turn,
  draft: Draft,
  said: { phone: string; name: string | null },
): true {
  setContact(turn, draft, said.phone, said.name);
  return true;
}

async function onContactText(turn: Turn, draft: Draft, text: string): Promise<void> {
  // "好的" to the offer of the number the description gave.
  const said = contactSaidIn(draft, turn.deps.phoneParser);
  if (said && saysOneOf(YES_WORDS, text)) {
    useContactSaid(turn, draft, said);
    return;
  }
  if (ANONYMOUS.test(text)) {
    draft.contact = { kind: "anonymous" };
    return turn.advance();
  }
  const typed = readTypedContact(text, turn.deps.phoneParser);
  if (!typed.phone) {
    return turn.sayWithButtons(turn.tr(typed.hadDigits ? "contactInvalidPhone" : "contactNoPhone"));
  }
  setContact(turn, draft, typed.phone.display, typed.name);
}

/** The contact, given at the contact question: a name not given is asked next. */
function setContact(turn: Turn, draft: Draft, phone: string, name: string | null): void {
  draft.contact = { kind: "named", phone, name: cleanName(name) };
  if (draft.contact.name === null) return turn.ask("contact_name");
  turn.advance();
}

async function onContact(turn: Turn, rawPhone: string, rawName: string | undefined): Promise<void> {
  const draft = turn.s.draft;
  if (!draft) {
    turn.say({
      text: turn.tr("outsideDraft", { what: "contact" }),
      choices: menuButtons(turn.locale),
    });
    return;
  }
  // A card sent before the contact is asked (often someone else's, from the address book) is
  // not the citizen's answer to the question asked: it is not kept, and they are told why.
  if (turn.s.step !== "contact" && turn.s.step !== "contact_name") {
    turn.say({ text: turn.tr("contactCardNotHere") });
    return turn.reask();
  }
  const phone = turn.deps.phoneParser.parse(rawPhone);
  if (!phone) return turn.sayWithButtons(turn.tr("contactInvalidPhone"));
  setContact(turn, draft, phone.display, rawName ?? null);
}

/** The name the citizen gave as the contact's. */
function takeName(draft: Draft, name: string): void {
  if (draft.contact?.kind === "named") draft.contact = { ...draft.contact, name };
}

async function onNameText(turn: Turn, draft: Draft, text: string): Promise<void> {
  // "好的" to the offer of the name the description gave.
  const said = nameSaidIn(draft);
  if (said && saysOneOf(YES_WORDS, text)) {
    takeName(draft, said);
    return turn.advance();
  }
  // "提交", "好的", "no": an answer to the question, not a name.
  if (
    SKIP.test(text) ||
    SUBMIT.test(text) ||
    saysOneOf(YES_WORDS, text) ||
    saysOneOf(NO_WORDS, text)
  ) {
    return turn.advance();
  }
  // "我是东关的老王": 老王, not the place said with it.
  const name = cleanName(nameInText(text) ?? addressedAs(text));
  if (!name || draft.contact?.kind !== "named") return turn.sayWithButtons(turn.tr("nameInvalid"));
  takeName(draft, name);
  turn.advance();
}

/**
 * A photo sent with words ("人民路和七一路口的井盖没了" under the picture). Where words are what
 * is asked — outside a draft, or at the description — the words are taken as if typed, and the
 * photo is kept with what they start: the draft they start or describe, the words offered for
 * filing, or the question whether the problem of an answered case is back ("路灯又坏了"). At a
 * later question, see {@link onPhotoWithWords}. Words outside a draft too few to tell a matter
 * ("你看") leave the photo answered as one without words. The photo goes with a rating the
 * words give, or a reason they are, as evidence; words that keep no photo (a status question,
 * thanks) are answered, and the citizen told the photo was not kept.
 */
async function onCaptionedPhoto(turn: Turn, fileId: string, caption: string): Promise<void> {
  const { s } = turn;
  if (s.draft && s.step !== "description") return onPhotoWithWords(turn, s.draft, fileId, caption);
  if (!s.draft && tooFewToRead(s, caption)) return onPhoto(turn, fileId);
  turn.captionedPhoto = fileId;
  await onText(turn, caption);
  if (turn.captionedPhoto === null) return;
  turn.captionedPhoto = null;
  const photos = s.draft ? s.draft.photos : waitingPhotos(s.pending);
  if (photos === null) {
    turn.say({ text: turn.tr("photoNotKept") });
    return;
  }
  if (photos.length < MAX_PHOTOS) photos.push(fileId);
}

/**
 * Whether words under a photo outside a draft are too few to tell a matter ("你看"), and are
 * no answer of their own either: not the reason asked for, thanks, words about an answer, a
 * status question.
 */
function tooFewToRead(s: DialogueState, caption: string): boolean {
  const check = checkDescription(caption);
  if (check.ok || (check.problem !== "too_short" && check.problem !== "no_words")) return false;
  const text = cleanText(caption);
  return (
    s.pending?.kind !== "reason" &&
    !isThanksAlone(text) &&
    !isFeedbackOnAnswer(text) &&
    !isStatusQuestion(text) &&
    !serviceQuestionIn(text)?.alone
  );
}

/**
 * The photos kept with a question outside a draft until it is answered: words offered for
 * filing, "not solved, or new?", a rating waiting for its yes, an addition to a case (补充)
 * waiting for its words or its yes. Null for other questions.
 */
function waitingPhotos(pending: Pending | null): string[] | null {
  return pending?.kind === "offer" ||
    pending?.kind === "again" ||
    pending?.kind === "rate" ||
    pending?.kind === "supplement"
    ? (pending.photos ??= [])
    : null;
}

/**
 * A photo with words at a question after the description. Words that answer the question on
 * their own — a place at the place question ("就在人民路口"), a time at the time question, a
 * phone number at the contact question, any words at the category question (read there as
 * typed) — are that answer, as if typed. Other words ("你看，都塌成这样了") are added to the
 * description, where the clerk reads them, and the citizen is told. The photo is kept either way.
 */
async function onPhotoWithWords(
  turn: Turn,
  draft: Draft,
  fileId: string,
  caption: string,
): Promise<void> {
  const text = cleanText(caption);
  if (!answersQuestion(turn, text)) {
    addToDescription(turn, draft, text);
    return onPhoto(turn, fileId);
  }
  if (draft.photos.length < MAX_PHOTOS) {
    draft.photos.push(fileId);
    turn.say({ text: turn.tr("photoKept", { count: draft.photos.length }) });
  } else {
    turn.say({ text: turn.tr("photoLimit", { max: MAX_PHOTOS }) });
  }
  return onText(turn, text);
}

/** Whether words answer the current question on their own (see onPhotoWithWords). */
function answersQuestion(turn: Turn, text: string): boolean {
  const { deps } = turn;
  switch (turn.s.step) {
    case "category":
    case "category_list":
      return true;
    case "place":
    case "street":
      // Read as a description reads them: only words that look like a place count.
      return deps.placeReader.readDescription(text).precision !== "none";
    case "region":
      return knownRegion(turn, deps.regionDetector.detect(text)) !== null;
    case "time":
      return deps.timeParser.parse(text, turn.now) !== null || undatedTimeAnswer(text) !== null;
    case "contact":
      return readTypedContact(text, deps.phoneParser).phone !== null;
    default:
      return false;
  }
}

/**
 * Words added to the description after it was taken (the category stays as confirmed): said
 * to the citizen, or why not when the description would grow too long.
 */
function addToDescription(turn: Turn, draft: Draft, text: string): void {
  if (!appendToDescription(turn, draft, text, (problem) => turn.say({ text: problem }))) return;
  warnOfHazards(turn, text);
  // A county named in the words added ("是在川汇区那边") replaces one only guessed before.
  regionFromDescription(turn, draft, draft.region?.code ?? null);
  turn.say({ text: turn.tr("descriptionAdded") });
}

/**
 * The county or district the description names is the draft's region, else `guess` — while the
 * region was only ever read from the description; one the citizen chose, gave as an address or
 * shared as a point stays. Returns the region named (null: none).
 */
function regionFromDescription(turn: Turn, draft: Draft, guess: string | null): string | null {
  const named = knownRegion(turn, turn.deps.regionDetector.detect(draft.description ?? ""));
  if (draft.region === null || draft.region.source === "description") {
    const code = named ?? guess;
    // The town the words named is the region's while the region stays.
    const town = draft.region?.code === code ? draft.region.town : null;
    draft.region = code ? { code, source: "description", town } : null;
  }
  return named;
}

/**
 * `text` on a line of its own after the description, which is then no longer one message's
 * words (an edit of that message no longer replaces it); false, and `tell` told why, when the
 * description would grow too long.
 */
function appendToDescription(
  turn: Turn,
  draft: Draft,
  text: string,
  tell: (problem: string) => void,
): boolean {
  const longer = draft.description === null ? text : `${draft.description}\n${text}`;
  const length = charLength(longer);
  if (length > MAX_DESCRIPTION_LENGTH) {
    tell(
      turn.tr("descriptionProblem", { problem: "too_long", length, max: MAX_DESCRIPTION_LENGTH }),
    );
    return false;
  }
  draft.description = longer;
  draft.descriptionMessageId = null;
  draft.correctedMessageId = null;
  return true;
}

async function onPhoto(turn: Turn, fileId: string): Promise<void> {
  const { s } = turn;
  const draft = s.draft;
  if (!draft) return onPhotoOutsideDraft(turn, fileId);
  if (draft.photos.length >= MAX_PHOTOS) {
    turn.sayWithButtons(turn.tr("photoLimit", { max: MAX_PHOTOS }));
    return;
  }
  draft.photos.push(fileId);
  const count = draft.photos.length;
  if (s.step !== "photos") {
    turn.say({ text: turn.tr("photoKept", { count }) });
    return turn.reask();
  }
  if (count >= MAX_PHOTOS) {
    turn.say({ text: turn.tr("photoReceived", { count, max: MAX_PHOTOS }) });
    draft.photosDone = true;
    return turn.advance();
  }
  turn.sayWithButtons(turn.tr("photoReceived", { count, max: MAX_PHOTOS }));
}

/**
 * A photo without words outside a draft: evidence while "what was not solved?" is asked (kept
 * with the rating, the question asked again); kept with a question that keeps photos until it
 * is answered (words offered for filing, a rating waiting for its yes); else the citizen is
 * asked for words first.
 */
async function onPhotoOutsideDraft(turn: Turn, fileId: string): Promise<void> {
  const pending = turn.s.pending;
  if (pending?.kind === "reason" && reasonStillAsked(turn, pending)) {
    await keepRatingPhotos(turn, pending.trackingNo, [fileId]);
    return turn.reask();
  }
  const photos = waitingPhotos(pending);
  if (photos !== null && photos.length < MAX_PHOTOS) {
    photos.push(fileId);
    return turn.reask();
  }
  // Beside a running case of the citizen's own, a photo alone is most likely more of it (the
  // broken thing seen again): the words to add it with are asked; a no to adding them offers
  // the words and the photo for filing as a new matter.
  const addTo = pending === null ? await casesToAddTo(turn) : undefined;
  if (addTo) {
    turn.s.pending = { kind: "supplement", cases: addTo, text: null, photos: [fileId] };
    turn.say({ text: turn.tr("photoForAddition") });
    return turn.reask();
  }
  turn.say({
    text: turn.tr("outsideDraft", { what: "photo" }),
    choices: menuButtons(turn.locale),
  });
}

/**
 * The classifier's answer to the draft's description, with its address and `region` (known
 * apart from the description) as hints; null when the classifier failed (told to problems).
 */
async function classified(
  turn: Turn,
  draft: Draft,
  region: string | null,
): Promise<Draft["classification"]> {
  const { deps } = turn;
  try {
    const classification = await deps.classifier.classify(draft.description ?? "", {
      region,
      ...(draft.address ? { address: draft.address } : {}),
    });
    return storableClassification(classification);
  } catch (error) {
    deps.problems.classifierFailed(error);
    return null;
  }
}

/** A classification as the draft stores it (plain, mutable JSON). */
function storableClassification(
  classification: Classification,
): NonNullable<Draft["classification"]> {
  const { offline, alternatives, explanation, ...rest } = classification;
  return {
    ...rest,
    alternatives: alternatives.map((a) => ({ category: a.category, confidence: a.confidence })),
    explanation: [...explanation],
    ...(offline && { offline: storableClassification(offline) }),
  };
}

// ---------------------------------------------------------------- voice

/** "I heard: … right?": 重说 is a no here (say it again). */
function voiceConfirmation(state: DialogueState, transcript: string): Confirmation {
  const locale = state.locale;
  const yes = { id: globalChoice("voice", "yes"), words: YES_WORDS };
  const no = { id: globalChoice("voice", "redo"), words: [...NO_WORDS, ...REDO_WORDS] };
  return {
    message: {
      text: t(locale, "voiceHeard", { transcript: excerpt(transcript, 500) }),
      choices: [
        [
          { id: yes.id, label: t(locale, "voiceYes") },
          { id: no.id, label: t(locale, "voiceRedo") },
        ],
      ],
    },
    yes,
    no,
  };
}

/**
 * A voice message: the recording goes with the draft (or waits with its transcript). Words
 * heard are shown back first; without words the citizen is asked to type, or may skip at the
 * description, where the recording then speaks for them.
 */
function onVoice(turn: Turn, recordingId: string, transcript: string | null): void {
  const { s } = turn;
  if (s.draft) keepRecording(s.draft, recordingId);
  if (transcript !== null) {
    s.pending = { kind: "voice", transcript, recordingId };
    return turn.reask();
  }
  if (s.pending?.kind === "cancel") s.pending = null;
  if (!s.draft) {
    keepRecording(startDraft(turn), recordingId);
  }
  const draft = turn.draft();
  if (s.step === "description" && draft.description === null) {
    turn.say({
      text: turn.tr("voiceKeptAskText"),
      choices: [[{ id: `d${draft.no}:voice:skip`, label: turn.tr("voiceSkip") }]],
    });
    return;
  }
  turn.say({ text: turn.tr("voiceKeptTypeAnswer") });
  turn.reask();
}

function keepRecording(draft: Draft, recordingId: string): void {
  if (draft.recordings.length < MAX_RECORDINGS && !draft.recordings.includes(recordingId)) {
    draft.recordings.push(recordingId);
  }
}

/** "Right": the transcript is the citizen's words, as if typed, and the recording stays with them. */
async function confirmVoice(
  turn: Turn,
  heard: { transcript: string; recordingId: string },
): Promise<void> {
  const { s } = turn;
  s.pending = null;
  await onText(turn, heard.transcript);
  // onText may have started a draft or offered one.
  const offered = s.pending as Pending | null;
  if (s.draft) keepRecording(s.draft, heard.recordingId);
  else if (offered?.kind === "offer") {
    const recordings = offered.recordings ?? [];
    if (!recordings.includes(heard.recordingId)) {
      offered.recordings = [...recordings, heard.recordingId].slice(0, MAX_RECORDINGS);
    }
  }
}

function redoVoice(turn: Turn): void {
  turn.s.pending = null;
  turn.say({ text: turn.tr("voiceSayAgain") });
  turn.reask();
}
