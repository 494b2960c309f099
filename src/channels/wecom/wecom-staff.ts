/**
 * The staff desk of the WeCom self-built app: a press on a card (template_card_event), a
 * typed reply (a text to the app) or a typed `/extend` is decided through the case actions as the staff member
 * whose WeCom userid it came from; anyone else is refused. The card then shows who decided,
 * or, for a unit, what is left to do. (The cards themselves: wecom-staff-cards.ts; how they
 * go out from the outbox: wecom-staff-outbox.ts.)
 */
import { createHash } from "node:crypto";
import type { CaseRequest } from "../../cases/case-actions.ts";
import type { CaseCards } from "../../cases/case-cards.ts";
import type { UnitPhotos } from "../../cases/unit-photos.ts";
import type { Directory } from "../../domain/directory.ts";
import type { Actor } from "../../domain/lifecycle/actor.ts";
import { MAX_UNIT_PHOTOS } from "../../domain/lifecycle/timeline.ts";
import { isAppError } from "../../errors.ts";
import { NOT_ACCEPT_REASONS } from "../../domain/lifecycle/not-accept-reasons.ts";
import { ANSWER_OUTCOMES } from "../../domain/vocabulary.ts";
import type { Logger } from "../../logging/logger.ts";
import type { RenderedMessage } from "../../notifications/sender.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import type { WeComStaffTexts } from "../../notifications/wecom-staff-messages-zh.ts";
import type { AwaitedReplies, AwaitedReply } from "../../storage/awaited-replies.ts";
import { actorOf, type StaffIdentity, type StaffStore } from "../../storage/staff-store.ts";
import {
  decisionText,
  PHOTO_REPLIES,
  STAFF_REPLY_WINDOW_MS,
  typedReply,
  type DecisionResult,
  type StaffDecisions,
} from "../staff-decisions.ts";
import { createCardHistory } from "../card-history.ts";
import type { WeComClient } from "./api-client.ts";
import type { WeComCardRefresh } from "./wecom-card-refresh.ts";
import { isWeComError } from "./errors.ts";
import { truncateBytes } from "./translate.ts";
import {
  BUTTON_MAX_BYTES,
  CHOICE,
  clerkCardMessage,
  createDecidedLabel,
  isClerkAction,
  NO_UNIT_PICKED,
  parseKey,
  reasonCardMessage,
  reviewUnitChoice,
  sendToStaff,
  templateCard,
  unitCardMessage,
} from "./wecom-staff-cards.ts";
import type { AppImageMessage, AppStaffEvent, AppTextMessage, TemplateCardEvent } from "./xml.ts";

/** The staff member's own chat with the app, as the awaited replies key it. */
const APP_CHAT = "app";

export interface WeComStaffDeskDeps {
  readonly client: Pick<WeComClient, "messageSend" | "updateTemplateCard" | "mediaGet">;
  readonly agentId: number;
  readonly staff: Pick<StaffStore, "byWeComId" | "namesOf">;
  readonly decisions: StaffDecisions;
  /** For the clerk card's likely units when a clerk goes back to it. */
  readonly directory: Directory;
  readonly cards: Pick<CaseCards, "clerkCard" | "unitCard" | "lastDecision" | "history">;
  /** The WeCom channel's awaited replies (a question asked in a staff member's app chat). */
  readonly awaited: AwaitedReplies;
  readonly staffTexts: StaffTexts;
  readonly texts: WeComStaffTexts;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /**
   * Keeps the photos a handler sends while an answer or progress report is asked for; they go
   * with its words. Without it, photos are refused.
   */
  readonly photos?: Pick<UnitPhotos, "save">;
  /** Keeps the other cards of a case up to date; told which card was pressed. */
  readonly cardRefresh: Pick<WeComCardRefresh, "pressed">;
  /** How long a question stays open. Default 1 hour. */
  readonly replyWindowMs?: number;
}

type CardRef = { readonly taskId: string; readonly responseCode: string };

/**
 * Handles what staff do in the app: a card press, or the text that answers a question a
 * press asked ("请回复答复内容…"). Only an active staff member whose wecomUserId sent it may
 * act, clerks on clerk cards and a unit's handlers on that unit's cards; anyone else is
 * refused and logged with a hash of the userid. Nothing here throws for an expected refusal.
 */
export function createWeComStaffDesk(
  deps: WeComStaffDeskDeps,
): (event: AppStaffEvent) => Promise<void> {
  const { decisions, cards, awaited, staffTexts: t, texts, logger } = deps;
  const replyWindowMs = deps.replyWindowMs ?? STAFF_REPLY_WINDOW_MS;
  const decidedLabel = createDecidedLabel({
    cards,
    staffNames: (ids) => deps.staff.namesOf(ids),
    texts,
  });
  const historyOf = createCardHistory({
    cards,
    staffNames: (ids) => deps.staff.namesOf(ids),
    directory: deps.directory,
    texts: t,
  });

  async function identify(
    userId: string,
    what: Record<string, unknown>,
  ): Promise<{ member: StaffIdentity; actor: Actor } | null> {
    const member = await deps.staff.byWeComId(userId);
    const actor = member && actorOf(member);
    if (!member || !actor) {
      logger.warn({ userRef: userRef(userId), ...what }, "WeCom staff action refused: not staff");
      return null;
    }
    return { member, actor };
  }

  /** A text to the staff member in the app; failures are logged (the decision stands). */
  async function tell(userId: string, text: string): Promise<void> {
    await sendToStaff(deps, userId, { text }).catch((error: unknown) =>
      logger.warn({ err: error, userRef: userRef(userId) }, "answer to staff not sent"),
    );
  }

  async function updateCard(
    userId: string,
    ref: Partial<CardRef>,
    update: { label: string } | { card: RenderedMessage },
  ): Promise<void> {
    if (ref.responseCode === undefined || ref.taskId === undefined) return;
    await deps.client
      .updateTemplateCard({
        userids: [userId],
        agentid: deps.agentId,
        response_code: ref.responseCode,
        ...("label" in update
          ? { button: { replace_name: truncateBytes(update.label, BUTTON_MAX_BYTES) } }
          : { template_card: templateCard(update.card, ref.taskId) }),
      })
      .catch((error: unknown) =>
        logger.warn({ err: error, taskId: ref.taskId }, "WeCom card could not be updated"),
      );
  }

  async function ask(
    userId: string,
    text: string,
    question: Omit<AwaitedReply, "expiresAt">,
  ): Promise<void> {
    const expiresAt = new Date(deps.clock.now().getTime() + replyWindowMs).toISOString();
    await awaited.put(APP_CHAT, userId, { ...question, expiresAt });
    await tell(userId, text);
  }

  /**
   * Shows a decision on the card it came from: a clerk's card is greyed with who decided
   * once the case is no longer to be routed; a unit's card shows what is left to do, or is
   * greyed once nothing is. A refusal is told in the chat, and the card stays usable while
   * there is still something to decide on it.
   */
  async function settle(
    userId: string,
    no: string,
    kind: "clerk" | "unit",
    ref: Partial<CardRef>,
    result: DecisionResult,
    doneLabel: string,
  ): Promise<void> {
    if (!result.ok) await tell(userId, result.text);
    if (kind === "clerk") {
      const card = await cards.clerkCard(no);
      if (card?.status === "submitted") return;
      const label = result.ok ? doneLabel : await decidedLabel(no);
      return updateCard(userId, ref, { label });
    }
    const [card, withHistory] = await Promise.all([
      cards.unitCard(no),
      historyOf(no).then((h) => h.unit),
    ]);
    const next = card && unitCardMessage(card, deps.clock.now(), deps, withHistory);
    if (next) {
      if (result.ok) await updateCard(userId, ref, { card: next });
      return;
    }
    await updateCard(userId, ref, { label: result.ok ? doneLabel : await decidedLabel(no) });
  }

  async function onPress(event: TemplateCardEvent): Promise<void> {
    const userId = event.fromUserName;
    const log = logger.child({ taskId: event.taskId, eventKey: event.eventKey });
    const key = parseKey(event.eventKey);
    if (!key) {
      log.warn("card press with an unknown key ignored");
      return;
    }
    const { no, action } = key;
    const who = await identify(userId, { caseNo: no, action });
    if (!who) return;
    const { member, actor } = who;
    if (isClerkAction(action) !== (actor.kind === "clerk")) {
      log.warn({ caseNo: no, action }, "card press refused: wrong role");
      return tell(userId, t.answers.wrongRole);
    }
    const ref: Partial<CardRef> = { taskId: event.taskId, responseCode: event.responseCode };
    // The press's code settles this card: no refresh after the decision may overwrite it.
    await deps.cardRefresh.pressed(no, event.taskId);
    const picked = (question: string) =>
      event.selectedItems.find((item) => item.questionKey === question)?.optionIds[0];
    const decide = async (request: CaseRequest | null, doneLabel: string) => {
      const result: DecisionResult = request
        ? await decisions.decide(no, request, actor)
        : { ok: false, text: t.answers.expired, final: true };
      await settle(userId, no, actor.kind === "clerk" ? "clerk" : "unit", ref, result, doneLabel);
    };
    const name = member.displayName;
    const pending = (question: Omit<AwaitedReply, "expiresAt" | "trackingNo">) =>
      ({ ...question, trackingNo: no, ...(isCardRef(ref) && { card: ref }) }) as const;

    switch (action) {
      case "ok": {
        // Without a pick WeCom means the card's default: the suggested unit. An unsure
        // card's default is "pick a unit": the clerk is asked to choose one first.
        const pick = picked(CHOICE.unit);
        if (pick === NO_UNIT_PICKED) return tell(userId, texts.pickUnitFirst);
        const unitId = pick ?? (await cards.clerkCard(no))?.suggestion?.unitId;
        return decide(unitId ? { type: "route", unitId } : null, texts.routedBy(name));
      }
      case "na":
        // The card turns into the reasons card, and back: one card per case in the chat.
        return updateCard(userId, ref, { card: reasonCardMessage(no, deps) });
      case "bk": {
        const [card, withHistory] = await Promise.all([
          cards.clerkCard(no),
          historyOf(no).then((h) => h.clerk),
        ]);
        const routing = card && clerkCardMessage(card, deps.directory, deps, withHistory);
        return updateCard(
          userId,
          ref,
          routing ? { card: routing } : { label: await decidedLabel(no) },
        );
      }
      case "nt": {
        const reasonId = picked(CHOICE.reason) ?? NOT_ACCEPT_REASONS[0]!.id;
        return decide(await decisions.notAcceptFor(no, reasonId), texts.notAcceptedBy(name));
      }
      case "nx":
        return ask(userId, t.ask.notAccept(no), pending({ action: "not_accept" }));
      case "rx":
        return sendForReview(userId, no, actor, picked(CHOICE.unit), ref, name);
      case "st":
        return decide({ type: "start" }, texts.decidedBy(name));
      case "an": {
        const outcome =
          ANSWER_OUTCOMES.find((o) => o === picked(CHOICE.outcome)) ?? ANSWER_OUTCOMES[0];
        return ask(userId, t.ask.answer(no, outcome), pending({ action: "answer", outcome }));
      }
      case "pg":
        return ask(userId, t.ask.progress(no), pending({ action: "progress" }));
      case "ex":
        return ask(userId, t.ask.extend(no), pending({ action: "extend" }));
      case "rt":
        return ask(userId, t.ask.return(no), pending({ action: "return" }));
    }
  }

  /**
   * 交办复查 on a review card: the review goes to the unit picked, by default the organ proposed
   * (the card names it picked). Once the case is with that unit — another clerk sent it —
   * the clerk is told who did and the card is greyed; a refusal leaves the card usable while
   * there is still a unit to choose on it.
   */
  async function sendForReview(
    userId: string,
    no: string,
    actor: Actor,
    pick: string | undefined,
    ref: Partial<CardRef>,
    name: string,
  ): Promise<void> {
    const card = await cards.clerkCard(no);
    if (pick === NO_UNIT_PICKED) {
      return tell(userId, texts.pickReviewUnitFirst(card?.review?.stage ?? 1));
    }
    const unitId = pick ?? card?.review?.unitId;
    if (card && unitId && card.unitId === unitId && card.status === "under_review") {
      await tell(userId, await decisions.alreadyHandled(no, actor));
      return updateCard(userId, ref, { label: await decidedLabel(no) });
    }
    const result: DecisionResult = unitId
      ? await decisions.decide(no, { type: "reassign", unitId }, actor)
      : { ok: false, text: t.answers.expired, final: true };
    if (!result.ok) {
      await tell(userId, result.text);
      const now = await cards.clerkCard(no);
      if (now && reviewUnitChoice(now, deps.directory, texts)) return;
    }
    await updateCard(userId, ref, {
      label: result.ok ? texts.reviewRoutedBy(name) : await decidedLabel(no),
    });
  }

  async function onText(event: AppTextMessage): Promise<void> {
    const userId = event.fromUserName;
    const who = await identify(userId, { msgId: event.msgId });
    if (!who) return tell(userId, t.answers.notStaff);
    // A command comes before any open question, as in Telegram.
    const command = /^\/extend(?:\s+([\s\S]*))?$/iu.exec(event.content.trim());
    if (command) return onExtendCommand(userId, who.actor, command[1] ?? "");
    const question = await awaited.peek(APP_CHAT, userId, deps.clock.now());
    if (!question) return tell(userId, texts.askOnCard);
    const no = question.trackingNo;
    const typed = typedReply(question, event.content, t, deps.clock.now());
    if ("retry" in typed) {
      if (typed.keep) await awaited.put(APP_CHAT, userId, { ...question, ...typed.keep });
      return tell(userId, typed.retry);
    }
    const result = await decisions.decide(no, typed.request, who.actor);
    if (result.ok || result.final) await awaited.clear(APP_CHAT, userId);
    if (result.ok) await tell(userId, `${t.answers.done}：${no}`);
    const name = who.member.displayName;
    const doneLabel =
      question.action === "not_accept"
        ? texts.notAcceptedBy(name)
        : question.action === "answer"
          ? texts.answeredBy(name)
          : question.action === "return"
            ? texts.returnedBy(name)
            : texts.decidedBy(name);
    const ref = question.card && "taskId" in question.card ? question.card : {};
    await settle(userId, no, who.actor.kind === "clerk" ? "clerk" : "unit", ref, result, doneLabel);
  }

  /**
   * `/extend <no> <days> <reason>` typed in the app, decided as in Telegram; days without a
   * reason ask for it in the app chat, the case and the days kept for the next message.
   */
  async function onExtendCommand(userId: string, actor: Actor, args: string): Promise<void> {
    const extension = await decisions.extendCommand(args, actor);
    if ("usage" in extension) return tell(userId, extension.usage);
    const { no } = extension;
    if ("ask" in extension) {
      return ask(userId, extension.ask, { action: "extend", trackingNo: no, days: extension.days });
    }
    const { result } = extension;
    await tell(userId, decisionText(t, no, result));
  }

  /**
   * A photo while an answer or progress report is asked for: downloaded, checked by its bytes
   * and kept for the case (at most MAX_UNIT_PHOTOS); the words that follow take it along.
   */
  async function onImage(event: AppImageMessage): Promise<void> {
    const userId = event.fromUserName;
    const who = await identify(userId, { msgId: event.msgId, action: "reply:photo" });
    if (!who) return tell(userId, t.answers.notStaff);
    const question = await awaited.peek(APP_CHAT, userId, deps.clock.now());
    if (!question || !PHOTO_REPLIES.includes(question.action) || !deps.photos) {
      return tell(userId, t.ask.photoNotAsked);
    }
    const no = question.trackingNo;
    const kept = question.photoIds ?? [];
    if (kept.length >= MAX_UNIT_PHOTOS) return tell(userId, t.ask.photoLimit(MAX_UNIT_PHOTOS));
    let id: string;
    try {
      const media = await deps.client.mediaGet(event.mediaId);
      id = await deps.photos.save(no, media.bytes, deps.clock.now(), `wecom:${event.msgId}`);
    } catch (error) {
      // WeCom could not hand it over just now (network, 5xx, busy): the handler still has the
      // photo and the question stays open, so they are told to send it again, not left waiting.
      if (isWeComError(error) && !error.permanent) {
        logger.warn(
          { caseNo: no, msgId: event.msgId, reason: error.reason, errcode: error.errcode },
          "WeCom staff photo not downloaded; the handler is asked to send it again",
        );
        return tell(userId, t.ask.photoNotReceived);
      }
      // WeCom no longer has it, it is too large, or it is no photo: the handler may send another.
      if (!isAppError(error, "input.invalid") && !isWeComError(error)) throw error;
      logger.warn({ caseNo: no, msgId: event.msgId }, "WeCom staff photo refused");
      return tell(userId, t.ask.photoRefused);
    }
    const photoIds = [...new Set([...kept, id])];
    await awaited.put(APP_CHAT, userId, { ...question, photoIds });
    logger.info({ caseNo: no, photos: photoIds.length }, "unit photo kept for the answer");
    await tell(userId, t.ask.photoKept(no, photoIds.length));
  }

  return async (event) => {
    switch (event.type) {
      case "template_card_event":
        return onPress(event);
      case "text":
        return onText(event);
      case "image":
        return onImage(event);
      default: {
        const who = await identify(event.fromUserName, { msgType: event.msgType });
        return tell(event.fromUserName, who ? texts.onlyTextAndPhotos : t.answers.notStaff);
      }
    }
  };
}

function isCardRef(ref: Partial<CardRef>): ref is CardRef {
  return ref.taskId !== undefined && ref.responseCode !== undefined;
}

/** Userids are often names in pinyin: logs carry a stable hash instead. */
function userRef(userId: string): string {
  return createHash("sha256").update(userId).digest("hex").slice(0, 12);
}
