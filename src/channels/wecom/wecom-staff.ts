/**
 * Clerks and units in the WeCom self-built app: outbox rows for staff (recipient
 * `staff:<userid>`) go out with message/send, rows with buttons as button_interaction
 * template cards; a press (template_card_event) is decided through the case actions with the
 * staff member as actor, and the card is greyed with who decided.
 */
import { createHash, randomBytes } from "node:crypto";
import type { CaseActions, CaseRequest } from "../../cases/case-actions.ts";
import type { CaseCards } from "../../cases/case-cards.ts";
import type { Actor } from "../../domain/lifecycle/actor.ts";
import { NOT_ACCEPT_REASONS } from "../../domain/lifecycle/not-accept-reasons.ts";
import { isAppError } from "../../errors.ts";
import type { Logger } from "../../logging/logger.ts";
import type { OutboxRenderer } from "../../notifications/outbox-worker.ts";
import { DeliveryError, type RenderedMessage, type Sender } from "../../notifications/sender.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import type { WeComStaffTexts } from "../../notifications/wecom-staff-messages-zh.ts";
import type { Db } from "../../storage/database.ts";
import type { WeComClient } from "./api-client.ts";
import { isWeComError } from "./errors.ts";
import { textChunks } from "./translate.ts";
import type { TemplateCardEvent } from "./xml.ts";

/** Outbox recipients of channel "wecom" that are staff userids (the others are citizens). */
export const WECOM_STAFF_PREFIX = "staff:";

/** The outbox recipient of a staff member's WeCom userid. */
export function wecomStaffRecipient(userId: string): string {
  return `${WECOM_STAFF_PREFIX}${userId}`;
}

const BUTTON_MAX_BYTES = 30;
const MAX_BUTTONS = 6;

/**
 * Adds the clerks' buttons to a new-case notice for WeCom staff: confirm the suggested unit,
 * or not accepted with one of the usual reasons. Other rows render as `base` does.
 */
export function createWeComStaffRenderer(deps: {
  readonly base: OutboxRenderer;
  readonly cards: Pick<CaseCards, "clerkCard">;
  readonly staffTexts: StaffTexts;
  readonly texts: WeComStaffTexts;
}): OutboxRenderer {
  return async (message) => {
    const base = await deps.base(message);
    if (
      message.channel !== "wecom" ||
      message.audience !== "clerks" ||
      message.kind !== "new_case" ||
      !message.recipient.startsWith(WECOM_STAFF_PREFIX)
    ) {
      return base;
    }
    const no = trackingNoOf(message.payload);
    const card = no === null ? null : await deps.cards.clerkCard(no);
    if (no === null || card === null || card.status !== "submitted") return base;
    const buttons = [
      ...(card.suggestion
        ? [{ label: deps.texts.confirmButton(card.suggestion.unitName), data: `ok|${no}` }]
        : []),
      ...NOT_ACCEPT_REASONS.map((reason) => ({
        label: deps.texts.notAcceptButton(
          deps.staffTexts.notAcceptLabels[reason.id] ?? reason.text.zh,
        ),
        data: `nt|${no}|${reason.id}`,
      })),
    ].slice(0, MAX_BUTTONS);
    return [{ text: deps.staffTexts.clerkCard(card), buttons: [buttons] }];
  };
}

/** The Sender for `staff:` recipients: text by message/send, buttons as a template card. */
export function createWeComStaffSender(deps: {
  readonly client: Pick<WeComClient, "messageSend">;
  readonly agentId: number;
}): Sender {
  return {
    async send(recipient, messages) {
      const userId = recipient.slice(WECOM_STAFF_PREFIX.length);
      for (const [index, message] of messages.entries()) {
        try {
          await sendOne(userId, message);
        } catch (error) {
          const permanent = isWeComError(error) && error.permanent;
          throw new DeliveryError(
            isWeComError(error)
              ? `wecom ${error.method} ${error.errcode ?? ""}: ${error.reason}`
              : "wecom app send failed",
            { kind: permanent ? "permanent" : "transient", delivered: index, cause: error },
          );
        }
      }
    },
  };

  async function sendOne(userId: string, message: RenderedMessage): Promise<void> {
    const buttons = (message.buttons ?? []).flat();
    if (buttons.length === 0) {
      for (const content of textChunks(message.text)) {
        await deps.client.messageSend({
          touser: [userId],
          agentid: deps.agentId,
          msgtype: "text",
          text: { content },
        });
      }
      return;
    }
    const [title = "", ...rest] = message.text.split("\n");
    await deps.client.messageSend({
      touser: [userId],
      agentid: deps.agentId,
      msgtype: "template_card",
      template_card: {
        card_type: "button_interaction",
        main_title: { title: title.slice(0, 36), desc: rest.join("\n").slice(0, 1000) },
        task_id: `case-${randomBytes(12).toString("hex")}`,
        button_list: buttons.map((b, i) => ({
          text: truncateBytes(b.label, BUTTON_MAX_BYTES),
          style: i === 0 ? 1 : 2,
          key: b.data,
        })),
      },
    });
  }
}

export interface WeComStaffCardsDeps {
  readonly db: Db;
  readonly client: Pick<WeComClient, "updateTemplateCard">;
  readonly agentId: number;
  readonly actions: CaseActions;
  readonly cards: Pick<CaseCards, "clerkCard" | "lastDecision" | "localeOf">;
  readonly staffNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  readonly texts: WeComStaffTexts;
  readonly logger: Logger;
}

/**
 * Handles a press on a clerk's card: only an active clerk (or admin) whose wecomUserId is
 * the presser may decide; anyone else is refused and logged. The card then shows who decided.
 */
export function createWeComStaffCards(
  deps: WeComStaffCardsDeps,
): (event: TemplateCardEvent) => Promise<void> {
  const { texts, logger } = deps;
  return async (event) => {
    const log = logger.child({ taskId: event.taskId, eventKey: event.eventKey });
    const [action, no, reasonId] = event.eventKey.split("|");
    if ((action !== "ok" && action !== "nt") || !no) {
      log.warn("card press with an unknown key ignored");
      return;
    }
    const member = await deps.db.staffMember.findFirst({
      where: { wecomUserId: event.fromUserName, active: true },
      select: { id: true, role: true, displayName: true },
    });
    if (!member || member.role === "handler") {
      log.warn(
        { caseNo: no, userRef: userRef(event.fromUserName) },
        "card press refused: not a clerk",
      );
      return;
    }
    const actor: Actor = { kind: "clerk", id: member.id };
    let replaceName: string;
    try {
      const request = await requestOf(action, no, reasonId);
      if (request === null) {
        replaceName = await alreadyDecided(no);
      } else {
        await deps.actions.act(no, request, actor);
        replaceName =
          action === "ok"
            ? texts.confirmedBy(member.displayName)
            : texts.notAcceptedBy(member.displayName);
        log.info({ caseNo: no, action }, "case decided from a WeCom card");
      }
    } catch (error) {
      if (
        isAppError(error) &&
        (error.code === "storage.conflict" || error.code === "case.illegal_transition")
      ) {
        replaceName = await alreadyDecided(no);
      } else {
        log.error({ err: error, caseNo: no }, "decision from a WeCom card failed");
        replaceName = texts.failed;
      }
    }
    if (event.responseCode === undefined) return;
    await deps.client
      .updateTemplateCard({
        userids: [event.fromUserName],
        agentid: deps.agentId,
        response_code: event.responseCode,
        button: { replace_name: truncateBytes(replaceName, BUTTON_MAX_BYTES) },
      })
      .catch((error: unknown) => log.warn({ err: error }, "card could not be updated"));
  };

  async function requestOf(
    action: string,
    no: string,
    reasonId: string | undefined,
  ): Promise<CaseRequest | null> {
    const card = await deps.cards.clerkCard(no);
    if (!card || card.status !== "submitted") return null;
    if (action === "ok") {
      return card.suggestion ? { type: "route", unitId: card.suggestion.unitId } : null;
    }
    const reason = NOT_ACCEPT_REASONS.find((r) => r.id === reasonId);
    if (!reason) return null;
    // The reason is the citizen's to read, in the citizen's language.
    const locale = await deps.cards.localeOf(no);
    return { type: "not_accept", reason: reason.text[locale], channel: reason.channel };
  }

  async function alreadyDecided(no: string): Promise<string> {
    const last = await deps.cards.lastDecision(no);
    if (!last?.actorId) return texts.decidedBySomeone;
    const name = (await deps.staffNames([last.actorId])).get(last.actorId);
    return name ? texts.decidedBy(name) : texts.decidedBySomeone;
  }
}

/** Userids are often names in pinyin: logs carry a stable hash instead. */
function userRef(userId: string): string {
  return createHash("sha256").update(userId).digest("hex").slice(0, 12);
}

function trackingNoOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || !("trackingNo" in payload)) return null;
  return typeof payload.trackingNo === "string" ? payload.trackingNo : null;
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let out = "";
  for (const char of text) {
    if (Buffer.byteLength(`${out}${char}…`, "utf8") > maxBytes) break;
    out += char;
  }
  return `${out}…`;
}
