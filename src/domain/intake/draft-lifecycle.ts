/**
 * A draft started, opened for an edit, cancelled (asked first), and submitted as a case.
 */
import type { RegionDecision } from "../routing-explanation.ts";
import type { RequestKind } from "../vocabulary.ts";
import { t } from "../../i18n/t.ts";
import { draftChoice } from "./choice-id.ts";
import type { SubmissionReceipt } from "./ports.ts";
import { isReport, menuButtons, nextStep, timeOfDraft } from "./prompts.ts";
import { CONTINUE_WORDS, NO_WORDS, YES_WORDS, type Confirmation } from "./confirmation.ts";
import type { DialogueState, Draft } from "./state.ts";
import { classified } from "./description-step.ts";
import { offerNextMatter } from "./matters.ts";
import { keptBeforeWords } from "./before-words.ts";
import { forgetOldPlace, rememberPlace } from "./same-place.ts";
import { placeNameAsAddress, takePoint } from "./place-steps.ts";
import type { Turn } from "./turn.ts";

// "算了不弄了", "算了，不想弄了，太麻烦", "唉，不弄了", "这个事我不想反映了": the citizen gives up
// filing, at whatever question (asked to confirm first; said again to that question, its yes).
// Only such words, the matter they are about and the reasons said with them ("太麻烦", "以后再
// 说"); a reason alone ("麻烦了": thanks for the trouble) is none. Starting over ("重新来", "从头
// 开始") gives this draft up too: once it is dropped, the menu files anew.
const GIVES_UP =
  "算了|取消|不(?:想|要)?(?:提交|弄|办|反映|投诉|告|搞|填|说)|(?:要|想)?(?:重新|从头)(?:来|开始|填)|重来";
const THIS_MATTER = "(?:(?:这|那)(?:个|件)?事(?:儿|情)?)";
const CANCEL = new RegExp(
  `^(?=.*(?:${GIVES_UP}))(?:(?:嗯|唉|哎|哦)[，,\\s]*)?(?:${THIS_MATTER}[，,\\s]*)?(?:(?:(?:我|俺)?(?:${GIVES_UP})(?:了|吧)*|(?:太|好|真)?麻烦(?:了|死了)?|(?:以后|下次|改天|回头)再说吧?)[，,\\s]*)+[。.!！~～]*$|^(?:cancel|stop|never ?mind|forget it|start (?:over|again))[.!]*$`,
  "iu",
);

/** True for words that give up filing ("算了不弄了", "唉，不弄了", "forget it"). */
export function givesUp(text: string): boolean {
  return CANCEL.test(text);
}

/** A no to "really cancel?", with the words that go on filing. */
const NOT_CANCELLING_WORDS: readonly string[] = [...NO_WORDS, ...CONTINUE_WORDS];

/** "Really cancel?": 继续 is a no here (go on filing). */
export function cancelConfirmation(state: DialogueState): Confirmation {
  const draftNo = state.draft?.no ?? 0;
  const yes = { id: draftChoice(draftNo, "cancel", "yes"), words: YES_WORDS, reads: givesUp };
  const no = { id: draftChoice(draftNo, "cancel", "no"), words: NOT_CANCELLING_WORDS };
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

function emptyDraft(no: number, now: Date, requestKind: RequestKind): Draft {
  return {
    no,
    startedAt: now.toISOString(),
    description: null,
    descriptionMessageId: null,
    descriptionStart: null,
    correctedMessageId: null,
    classification: null,
    category: null,
    categoryLeftToClerk: false,
    requestKind,
    address: null,
    location: null,
    placePrecision: "none",
    streetAsked: false,
    streetVague: false,
    placeAskedAgain: false,
    regionAskedAgain: false,
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

export function startDraft(turn: Turn, requestKind: RequestKind = "complaint"): Draft {
  const { s } = turn;
  s.draftCount += 1;
  s.pending = null;
  s.draft = emptyDraft(s.draftCount, turn.now, requestKind);
  s.step = "description";
  forgetOldPlace(s, turn.now);
  takeSentBeforeWords(turn, s.draft);
  return s.draft;
}

/** A location or photos sent before the words go with the draft the words start. */
function takeSentBeforeWords(turn: Turn, draft: Draft): void {
  const kept = keptBeforeWords(turn.s, turn.now);
  turn.s.sentBeforeWords = null;
  if (kept === null) return;
  draft.photos.push(...kept.photos);
  if (kept.location === null) return;
  const { placeName, ...point } = kept.location;
  takePoint(turn, draft, point, placeNameAsAddress(placeName));
}

export function startEdit(turn: Turn, field: string): boolean {
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

/**
 * The draft dropped. The matters told with it wait for cases of their own: the next is offered
 * as after a filing, unless the citizen's words dropped them all ("算了都不反映了").
 */
export function cancelDraft(turn: Turn): void {
  const { s } = turn;
  const dropsAll = s.pending?.kind === "cancel" && s.pending.all === true;
  const count = s.laterMatters.length;
  s.draft = null;
  s.step = "idle";
  s.pending = null;
  if (count > 0 && !dropsAll) {
    turn.say({
      text: turn.tr("cancelled", { laterMatters: "offered", count }),
      removeKeyboard: true,
    });
    return offerNextMatter(turn);
  }
  s.laterMatters = [];
  turn.say({
    text: turn.tr("cancelled", { laterMatters: count > 0 ? "dropped" : "none", count }),
    choices: menuButtons(turn.locale),
    removeKeyboard: true,
  });
}

export function keepDraft(turn: Turn): void {
  turn.s.pending = null;
  turn.say({ text: turn.tr("cancelAborted") });
  turn.reask();
}

export async function submit(turn: Turn, draft: Draft): Promise<void> {
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
      requestKind: draft.requestKind,
      classification: draft.classification,
      region: draft.region?.code ?? null,
      regionSource: draft.region?.code ? regionSourceOf(draft.region.source) : null,
      ...(draft.region?.code ? { regionDecidedBy: REGION_DECISION[draft.region.source] } : {}),
      address: draft.address,
      location: draft.location,
      outsideCity: turn.placeOutsideCity(draft),
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
  rememberPlace(s, draft, turn.now);
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
      consultation: draft.requestKind === "consultation",
      holder: (contact.kind === "named" && contact.holder) || null,
    }),
    removeKeyboard: true,
    announcesSubmission: true,
  });
  offerNextMatter(turn);
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
