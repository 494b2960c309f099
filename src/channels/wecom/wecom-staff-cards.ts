/**
 * The WeCom self-built app's staff cards: what a card offers (the clerks' new case with the
 * likely units, the reasons of a 不予受理, a unit's case with what it can do now), the keys its
 * buttons carry, and how a card or a text goes to one staff member (message/send). Shared by
 * the outbox's renderer and sender (wecom-staff-outbox.ts) and the desk that takes the
 * presses (wecom-staff.ts).
 */
import { randomBytes } from "node:crypto";
import {
  unitCardCommands,
  type CaseCards,
  type CaseMatter,
  type ClerkCard,
  type UnitCard,
  type UnitCardCommand,
} from "../../cases/case-cards.ts";
import { reassignTargets } from "../../cases/reassign-targets.ts";
import type { Directory } from "../../domain/directory.ts";
import { NOT_ACCEPT_REASONS } from "../../domain/lifecycle/not-accept-reasons.ts";
import { likelyUnits } from "../../domain/routing.ts";
import { ANSWER_OUTCOMES } from "../../domain/vocabulary.ts";
import type { RenderedChoice, RenderedMessage } from "../../notifications/sender.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import type { WeComStaffTexts } from "../../notifications/wecom-staff-messages-zh.ts";
import type { CardHistory } from "../card-history.ts";
import { UNIT_CARD_ACTIONS } from "../callback-data.ts";
import type { ButtonInteractionCard, WeComClient } from "./api-client.ts";
import { textChunks, truncateBytes } from "./translate.ts";

export const BUTTON_MAX_BYTES = 30;
/** WeCom's limits on a card's title (its first line) and description (the lines under it). */
const TITLE_MAX = 36;
export const DESCRIPTION_MAX = 1000;
/** WeCom's limits on a drop-down and on a card's buttons. */
const MAX_OPTIONS = 10;
const MAX_BUTTONS = 6;

// ---- card keys --------------------------------------------------------------------------

/** What a card's button asks for; the key is `<action>|<tracking number>`. */
const CLERK_ACTIONS = ["ok", "na", "nt", "nx", "bk", "rx"] as const;
const HANDLER_ACTIONS = ["st", "an", "pg", "ex", "rt"] as const;
type ClerkAction = (typeof CLERK_ACTIONS)[number];
type HandlerAction = (typeof HANDLER_ACTIONS)[number];
type CardAction = ClerkAction | HandlerAction;

/** The drop-downs' question keys. */
export const CHOICE = { unit: "unit", reason: "reason", outcome: "outcome" } as const;
/**
 * The first option of an unsure card's drop-down: WeCom picks the first option when a card
 * names none, and an unsure card must not have a unit picked for the clerk.
 */
export const NO_UNIT_PICKED = "none";

const keyOf = (action: CardAction, no: string) => `${action}|${no}`;

export function parseKey(key: string): { action: CardAction; no: string } | null {
  const [action, no, ...rest] = key.split("|");
  const known: readonly string[] = [...CLERK_ACTIONS, ...HANDLER_ACTIONS];
  if (!action || !no || rest.length > 0 || !known.includes(action)) return null;
  return { action: action as CardAction, no };
}

export const isClerkAction = (action: CardAction): action is ClerkAction =>
  (CLERK_ACTIONS as readonly string[]).includes(action);

// ---- cards ------------------------------------------------------------------------------

interface CardTexts {
  readonly staffTexts: StaffTexts;
  readonly texts: WeComStaffTexts;
}

/**
 * The clerks' card of a new case: the likely units in a drop-down with the suggested one
 * picked, so that confirming the suggestion is one tap and choosing another is two; and
 * "not accepted…", which asks for the reason on a card of its own. When the classifier was
 * unsure, nothing is picked: the units of its top 3 come first and the clerk chooses.
 * The case's history so far (`withHistory`: a clerk's corrections) under it. Null once decided.
 */
export function clerkCardMessage(
  card: ClerkCard,
  directory: Directory,
  { staffTexts, texts }: CardTexts,
  withHistory: CardHistory,
): RenderedMessage | null {
  if (card.status !== "submitted") return null;
  const no = card.trackingNo;
  const unsure = card.choices.length > 0;
  const units = likelyUnits(
    directory,
    {
      caseClass: card.caseClass,
      categoryCodes: unsure
        ? card.choices.map((c) => c.categoryCode)
        : [card.categoryCode, ...card.alternatives.map((a) => a.categoryCode)],
      regionCode: card.regionCode,
      suggestedUnitId: unsure ? null : (card.suggestion?.unitId ?? null),
    },
    MAX_OPTIONS,
  );
  const options = [
    ...card.choices.map((c) => ({ id: c.unitId, label: c.unitName })),
    ...units
      .filter((unit) => !card.choices.some((c) => c.unitId === unit.id))
      .map((unit) => ({ id: unit.id, label: unit.name })),
  ].slice(0, MAX_OPTIONS - (unsure ? 1 : 0));
  return {
    text: fitted(card, (c) => withHistory(staffTexts.clerkCard(c)), texts),
    choice: unsure
      ? {
          key: CHOICE.unit,
          title: texts.unitChoiceUnsureTitle,
          options: [{ id: NO_UNIT_PICKED, label: texts.pickUnit }, ...options],
        }
      : {
          key: CHOICE.unit,
          title: texts.unitChoiceTitle,
          options,
          ...(card.suggestion && { selectedId: card.suggestion.unitId }),
        },
    buttons: [
      [
        { label: texts.confirmRoute, data: keyOf("ok", no) },
        { label: texts.notAccept, data: keyOf("na", no) },
      ],
    ],
  };
}

/**
 * The clerks' card of a review request (复查 / 复核): the notice with the organ proposed for it
 * (`notice`), and the units the review may go to (reviewUnitChoice) with
 * "交办复查": with the proposed organ picked, sending the review there is one tap, as Telegram's
 * "交…复查复核". Null when there is nothing to choose (the case is with the proposed organ, or
 * no longer under review): the notice then goes as text.
 */
export function reviewCardMessage(
  card: ClerkCard,
  notice: string,
  directory: Directory,
  { texts }: Pick<CardTexts, "texts">,
): RenderedMessage | null {
  const choice = reviewUnitChoice(card, directory, texts);
  if (card.review === null || choice === null) return null;
  const no = card.trackingNo;
  return {
    text: `${texts.reviewCardTitle(card.review.stage, no)}\n${notice}`,
    choice,
    buttons: [[{ label: texts.confirmReview(card.review.stage), data: keyOf("rx", no) }]],
  };
}

/**
 * The drop-down of a review card: the organ proposed for the review, picked, then the units of
 * the case's department the lifecycle takes (reassignTargets: never the unit whose answer is
 * disputed); with none proposed, "（请选择）" first and nothing picked. Null unless the case is
 * under review and not yet with the proposed organ, or when no unit may take the review.
 */
export function reviewUnitChoice(
  card: ClerkCard,
  directory: Directory,
  texts: WeComStaffTexts,
): RenderedChoice | null {
  const { review } = card;
  if (card.status !== "under_review" || review === null) return null;
  if (review.unitId !== null && review.unitId === card.unitId) return null;
  const department = directory.categories.find((c) => c.code === card.categoryCode)?.department;
  const units = reassignTargets(directory, card, review.unitId)
    .filter((u) => u.id === review.unitId || u.department === department)
    .map((u) => ({ id: u.id, label: u.name }));
  if (units.length === 0) return null;
  const title = texts.reviewChoiceTitle(review.stage);
  return review.unitId === null
    ? {
        key: CHOICE.unit,
        title,
        options: [{ id: NO_UNIT_PICKED, label: texts.pickUnit }, ...units].slice(0, MAX_OPTIONS),
      }
    : { key: CHOICE.unit, title, options: units.slice(0, MAX_OPTIONS), selectedId: review.unitId };
}

/** The card a clerk picks the reason of a 不予受理 on, or types one. */
export function reasonCardMessage(no: string, { staffTexts, texts }: CardTexts): RenderedMessage {
  return {
    text: `${texts.reasonCardTitle(no)}\n${texts.reasonCardBody}`,
    choice: {
      key: CHOICE.reason,
      title: texts.reasonChoiceTitle,
      options: NOT_ACCEPT_REASONS.map((reason) => ({
        id: reason.id,
        label: staffTexts.notAcceptLabels[reason.id] ?? reason.text.zh,
      })),
    },
    buttons: [
      [
        { label: texts.confirmNotAccept, data: keyOf("nt", no) },
        { label: texts.typeReason, data: keyOf("nx", no) },
        { label: texts.back, data: keyOf("bk", no) },
      ],
    ],
  };
}

/**
 * The unit's card: the matter without the citizen's identity, the case's history for the unit
 * (`withHistory`) and what the unit can do now (unitCardCommands); null when it can do nothing.
 */
export function unitCardMessage(
  card: UnitCard,
  now: Date,
  { staffTexts, texts }: CardTexts,
  withHistory: CardHistory,
): RenderedMessage | null {
  const labels: Record<UnitCardCommand, string> = {
    start: texts.start,
    answer: texts.answer,
    report_progress: texts.progress,
    extend: texts.extend,
    return: texts.return,
  };
  const commands = unitCardCommands(card, now);
  if (commands.length === 0) return null;
  return {
    text: fitted(
      card,
      (c) => withHistory(staffTexts.unitCard(c, staffTexts.unitHeading(c.reviewStage))),
      texts,
    ),
    ...(commands.includes("answer") && {
      choice: {
        key: CHOICE.outcome,
        title: texts.outcomeChoiceTitle,
        options: ANSWER_OUTCOMES.map((o) => ({ id: o, label: staffTexts.buttons.outcome(o) })),
      },
    }),
    buttons: [
      commands.map((command) => ({
        label: labels[command],
        data: keyOf(UNIT_CARD_ACTIONS[command], card.trackingNo),
      })),
    ],
  };
}

/** "已由 张三 处理": who took the case's latest decision, the label of a card it greyed. */
export function createDecidedLabel(deps: {
  readonly cards: Pick<CaseCards, "lastDecision">;
  readonly staffNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  readonly texts: WeComStaffTexts;
}): (trackingNo: string) => Promise<string> {
  const { texts } = deps;
  return async (no) => {
    const last = await deps.cards.lastDecision(no);
    if (!last?.actorId) return texts.decidedBySomeone;
    const name = (await deps.staffNames([last.actorId])).get(last.actorId);
    return name ? texts.decidedBy(name) : texts.decidedBySomeone;
  };
}

/** A card's text as WeCom shows it: the first line its title, the others its description. */
function titleAndDescription(text: string): { title: string; description: string } {
  const [title = "", ...rest] = text.split("\n");
  return { title, description: rest.join("\n") };
}

/**
 * The card's text from `render`, the case's description shortened first (with "…" and where to
 * read it in full) when the whole would not fit WeCom's {@link DESCRIPTION_MAX}: the history
 * under it (the decisions) matters more to staff than the end of the citizen's words.
 */
function fitted<C extends CaseMatter>(
  card: C,
  render: (card: C) => string,
  texts: WeComStaffTexts,
): string {
  const whole = render(card);
  if (titleAndDescription(whole).description.length <= DESCRIPTION_MAX) return whole;
  const rest = titleAndDescription(render({ ...card, description: "" })).description.length;
  const cut = `…${texts.descriptionCut(card.pageUrl)}`;
  const room = Math.max(0, DESCRIPTION_MAX - rest - cut.length);
  return render({ ...card, description: `${card.description.slice(0, room)}${cut}` });
}

/** A RenderedMessage with buttons as WeCom's button_interaction card. */
export function templateCard(message: RenderedMessage, taskId: string): ButtonInteractionCard {
  const { title, description } = titleAndDescription(message.text);
  const choice = message.choice;
  return {
    card_type: "button_interaction",
    main_title: {
      title: title.slice(0, TITLE_MAX),
      desc: description.slice(0, DESCRIPTION_MAX),
    },
    task_id: taskId,
    ...(choice && {
      button_selection: {
        question_key: choice.key,
        title: choice.title,
        option_list: choice.options.slice(0, MAX_OPTIONS).map((o) => ({ id: o.id, text: o.label })),
        ...(choice.selectedId !== undefined && { selected_id: choice.selectedId }),
      },
    }),
    button_list: (message.buttons ?? [])
      .flat()
      .slice(0, MAX_BUTTONS)
      .map((b, i) => ({
        text: truncateBytes(b.label, BUTTON_MAX_BYTES),
        style: i === 0 ? 1 : 2,
        key: b.data,
      })),
  };
}

const newTaskId = () => `case-${randomBytes(12).toString("hex")}`;

// ---- sending -----------------------------------------------------------------------------

/** A template card as WeCom took it: its task id, and the code that may update it once. */
export interface SentCard {
  readonly taskId: string;
  readonly responseCode: string | undefined;
}

/**
 * One message to one staff member: text by message/send, buttons as a template card.
 * Resolves with the card sent, or null for text.
 */
export async function sendToStaff(
  deps: { readonly client: Pick<WeComClient, "messageSend">; readonly agentId: number },
  userId: string,
  message: RenderedMessage,
): Promise<SentCard | null> {
  if ((message.buttons ?? []).flat().length === 0) {
    for (const content of textChunks(message.text)) {
      await deps.client.messageSend({
        touser: [userId],
        agentid: deps.agentId,
        msgtype: "text",
        text: { content },
      });
    }
    return null;
  }
  const taskId = newTaskId();
  const { responseCode } = await deps.client.messageSend({
    touser: [userId],
    agentid: deps.agentId,
    msgtype: "template_card",
    template_card: templateCard(message, taskId),
  });
  return { taskId, responseCode };
}
