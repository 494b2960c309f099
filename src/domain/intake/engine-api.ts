/**
 * The intake engine's contract with the rest of the product: what it needs (IntakeDeps), what it
 * returns (IntakeResult), and its interface (IntakeEngine). engine.ts exports them.
 */
import type { Directory } from "../directory.ts";
import type { PlacesElsewhere } from "../places/elsewhere.ts";
import type { PlaceLocator } from "../places/locate.ts";
import type { CitizenEvent } from "./events.ts";
import type { TimeParser } from "./occurred-at.ts";
import type { PhoneParser } from "./phone.ts";
import type {
  AnswerRatings,
  CitizenCases,
  Classifier,
  ComplaintSubmitter,
  ContactChanges,
  IntakeProblems,
  NearbyCases,
  RegionDetector,
  SubmissionReceipt,
  Supplements,
  Withdrawals,
} from "./ports.ts";
import type { OutgoingMessage } from "./replies.ts";
import type { DialogueState } from "./state.ts";

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
  /**
   * Places outside the city named in words, told at the county question; without it none is
   * read (a point shared outside the city is told by the locator).
   */
  readonly placesElsewhere?: PlacesElsewhere;
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
  /**
   * The citizen's new phone number for their own running cases (电话换了); without it words
   * giving one are read as any words.
   */
  readonly contactChanges?: ContactChanges;
  /** Defaults to the built-in Chinese time parser (occurred-at.ts). */
  readonly timeParser?: TimeParser;
  /** Defaults to the phone parser of phone.ts. */
  readonly phoneParser?: PhoneParser;
  /** Failures the engine recovers from: required, so that none goes unreported. */
  readonly problems: IntakeProblems;
  /** The hotline told to a citizen who asks to phone (SERVICE_PHONE); none told without it. */
  readonly servicePhone?: string | null;
  /**
   * A text minus its parts that address the classifier instead of telling a matter (the
   * classification's injection guard): words of those alone are no description
   * (checkDescription). Without it, nothing is taken out.
   */
  readonly withoutInstructions?: (text: string) => string;
  /**
   * Words written in traditional characters as simplified ones (the classification's OpenCC),
   * other words as they are: the conversation reads a citizen who types 繁體 as any other, and
   * the case keeps the words in the characters its staff read and search. Without it, the
   * words as typed.
   */
  readonly inSimplifiedChinese?: (text: string) => string;
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
