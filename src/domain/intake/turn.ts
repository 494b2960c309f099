/**
 * The Turn every flow works through (one citizen event: the state, the replies, the question
 * asked next), the deps with defaults filled in, and the two replies any flow may end with: a
 * stale button, and what became of an action before the question again.
 */
import type { PlaceOutsideCity } from "../places/elsewhere.ts";
import type { PlaceReader } from "../places/place-text.ts";
import type { Locale, MessageKey, Catalog } from "../../i18n/catalog.ts";
import { t } from "../../i18n/t.ts";
import type {
  AnswerRatings,
  CitizenCaseSummary,
  ContactChanges,
  NearbyCases,
  SubmissionReceipt,
  Supplements,
  Withdrawals,
} from "./ports.ts";
import { isConfidentGuess, menuButtons, nextStep, stepButtons, stepPrompt } from "./prompts.ts";
import type { Confirmation } from "./confirmation.ts";
import type { OutgoingMessage } from "./replies.ts";
import type { DialogueState, Draft, Step } from "./state.ts";
import type { IntakeDeps, ReplySurface } from "./engine-api.ts";

/** The deps with defaults filled in, and the place readers built once from the directory. */
export interface ResolvedDeps extends Required<IntakeDeps> {
  readonly placeReader: PlaceReader;
}

/** Without a nearby port nothing is offered (and nothing can be joined). */
export const NO_NEARBY: NearbyCases = {
  find: () => Promise.resolve([]),
  join: () => Promise.resolve("not_open"),
};

/** Without a ratings port no answer may be rated in words (the buttons are pointed to). */
export const NO_RATINGS: AnswerRatings = {
  mayRate: () => Promise.resolve(false),
  rate: () => Promise.resolve("refused"),
  requestReview: () => Promise.resolve("refused"),
  recordReason: () => Promise.resolve(),
  recordPhotos: () => Promise.resolve(0),
};

/** Without a withdrawals port every withdrawal is refused (and none is offered). */
export const NO_WITHDRAWALS: Withdrawals = {
  withdraw: () => Promise.resolve("refused"),
  withdrawSupport: () => Promise.resolve("refused"),
};

/** Without a supplements port every addition and urge is refused (and none is offered). */
export const NO_SUPPLEMENTS: Supplements = {
  supplement: () => Promise.resolve({ decision: "refused", grownTo: null }),
  urge: () => Promise.resolve({ decision: "refused", grownTo: null, ordinal: null }),
};

/** Without a contact changes port every new number is refused (and none is offered). */
export const NO_CONTACT_CHANGES: ContactChanges = { changePhone: () => Promise.resolve("refused") };

/**
 * One citizen event being handled: the state it changes, the replies it collects, and the
 * questions it asks. The questions waiting beside the draft and the reading of words belong to
 * the flows, which know the Turn by type only: the engine's subclass supplies them
 * (EngineTurn in engine.ts), so that this module imports no flow.
 */
export abstract class Turn {
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
    return this.pendingPrompt() ?? this.stepPrompt();
  }

  private stepPrompt(): OutgoingMessage {
    const { directory, phoneParser } = this.deps;
    const draft = this.s.draft;
    // Told at the county question only: elsewhere the citizen has said where the matter is.
    const told = this.s.step === "region" && draft !== null ? this.placeOutsideCity(draft) : null;
    return stepPrompt(this.s, directory, phoneParser, told);
  }

  /**
   * Whether the draft's place lies outside the city, as the county question tells it and the
   * case keeps it: the point shared, or else the place its address (or its words, without one)
   * names; null when in the city or not known to be outside.
   */
  placeOutsideCity(draft: Draft): PlaceOutsideCity | null {
    const { locator, placesElsewhere } = this.deps;
    if (draft.location !== null) {
      return locator?.locate(draft.location).inCity === false ? { place: null } : null;
    }
    const place = placesElsewhere.placeNamed(draft.address ?? draft.description ?? "");
    return place === null ? null : { place };
  }

  /** Repeats the current question. */
  /** A draft, or a question beside it, is open: what was asked in between goes back to it. */
  isFiling(): boolean {
    return Boolean(this.s.draft || this.s.pending);
  }

  reask(): void {
    const pending = this.pendingPrompt();
    if (pending) return this.say(pending);
    const prompt = this.stepPrompt();
    const leavingRequest =
      (this.stepAtStart === "place" ||
        this.stepAtStart === "street" ||
        this.stepAtStart === "contact") &&
      this.s.step !== this.stepAtStart &&
      prompt.request === undefined;
    this.say(leavingRequest ? { ...prompt, removeKeyboard: true } : prompt);
  }

  protected abstract pendingPrompt(): OutgoingMessage | null;

  /** The yes/no question waiting beside the draft, if any (see confirmation.ts). */
  abstract confirmation(): Confirmation | null;

  /** Reads words as if the citizen had typed them (see onText). */
  abstract onText(raw: string): Promise<void>;

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

export function stale(turn: Turn): void {
  turn.say({ text: turn.tr("staleButton") });
  turn.reask();
}

/** What became of the withdrawal, addition or new number, then the draft's question again, or the menu. */
export function sayThenGoOn(turn: Turn, text: string): void {
  if (!turn.s.draft) return turn.say({ text, choices: menuButtons(turn.locale) });
  turn.say({ text });
  turn.reask();
}
