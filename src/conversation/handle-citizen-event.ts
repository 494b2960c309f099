import { z } from "zod";
import type { IntakeEngine } from "../domain/intake/engine.ts";
import type { CitizenEvent } from "../domain/intake/events.ts";
import type { SubmissionReceipt } from "../domain/intake/ports.ts";
import { OutgoingMessageSchema, type OutgoingMessage } from "../domain/intake/replies.ts";
import { restoreDialogueState } from "../domain/intake/state.ts";
import { AppError } from "../errors.ts";
import type { CaseChannel } from "../domain/vocabulary.ts";
import type { Locale } from "../i18n/catalog.ts";
import type { Logger } from "../logging/logger.ts";
import { citizenRef } from "../domain/citizen-ref.ts";
import type { StoredDialogue, TurnStore } from "../storage/turn-store.ts";
import type { NewWebChatEntry, WebChatEntry } from "../storage/web-chat-log.ts";

export interface ConversationDeps {
  readonly engine: IntakeEngine;
  readonly turns: TurnStore;
  readonly clock: { now(): Date };
}

export interface CitizenMessage {
  readonly channel: CaseChannel;
  /** The citizen's id on the channel (Telegram user id, WeCom external_userid, web session). */
  readonly externalId: string;
  /** Where answers go (the Telegram chat id; for WeCom and web the same as externalId). */
  readonly chatId: string;
  /** The channel's id of this event (Telegram update_id, WeCom msgid). */
  readonly eventId: string;
  readonly event: CitizenEvent;
  /**
   * The chat's dialogue as the channel read it for this event (to read the event itself, or
   * an awaited reply with it): the turn starts from it instead of reading it again.
   */
  readonly loaded?: StoredDialogue;
  /**
   * The channel's own answer to the event, in place of the conversation's (a photo where a
   * rating question is open): run at most once, and recorded as the chat's last event with the
   * dialogue unchanged, so a redelivery of the event returns it and runs nothing again.
   */
  readonly answer?: () => Promise<readonly OutgoingMessage[]>;
}

/** How often a turn is re-run after another instance saved the same chat first. */
const MAX_ATTEMPTS = 5;

/** What a turn produced: the replies, and the receipt when it submitted a case. */
export interface CitizenTurn {
  readonly replies: readonly OutgoingMessage[];
  /** The conversation's language after the turn (for words a channel adds of its own). */
  readonly locale: Locale;
  /** The receipt when the turn filed a case, the first run's again for a redelivered event. */
  readonly submitted: SubmissionReceipt | null;
}

/** A turn as stored: with the chat log's entries written with it. */
export interface LoggedTurn extends CitizenTurn {
  /** The entries `record` gave, as logged; null for a redelivered event (nothing written). */
  readonly logged: readonly WebChatEntry[] | null;
}

/**
 * What a channel logs with the turn, in the same transaction (the web chat's entries):
 * given the turn, the entries. A redelivered event logs nothing.
 */
export type RecordTurn = (turn: CitizenTurn) => readonly NewWebChatEntry[];

const ReceiptSchema = z.object({
  trackingNo: z.string(),
  acceptanceDueAt: z.coerce.date(),
  queryCode: z.string().optional(),
});

/**
 * One turn of the intake conversation: the stored state plus the event gives
 * the new state, saved with the replies and the receipt before they are
 * returned, in one transaction with the citizen's identity and the chat log. When another instance saved the chat in between, the turn is run
 * again on the fresh state, so no answer is lost and none is applied twice.
 * A redelivered event (the chat's last one) returns exactly what its first
 * run returned, receipt included, and runs nothing.
 * @throws AppError("storage.conflict") after repeated conflicts.
 */
export async function handleCitizenEvent(
  deps: ConversationDeps,
  message: CitizenMessage,
  logger: Logger,
): Promise<readonly OutgoingMessage[]> {
  return (await handleCitizenTurn(deps, message, logger)).replies;
}

/**
 * The same turn as {@link handleCitizenEvent}, with the submission receipt
 * (a channel that adds its own words to the receipt, like the web's query code).
 * @throws AppError("storage.conflict") after repeated conflicts.
 */
export async function handleCitizenTurn(
  deps: ConversationDeps,
  message: CitizenMessage,
  logger: Logger,
  record?: RecordTurn,
): Promise<LoggedTurn> {
  const now = deps.clock.now();
  const ref = citizenRef(message.channel, message.externalId);
  let stored = message.loaded;
  // The channel's own answer, run once: a save lost to another instance saves it again.
  let answered: Promise<readonly OutgoingMessage[]> | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    stored ??= (await deps.turns.load(message.channel, message.chatId)).dialogue;
    const { state, recovered, unknownPendingKind } = restoreDialogueState(stored.state, ref);
    if (stored.lastEventId === message.eventId) {
      return {
        replies: storedReplies(stored.lastReplies),
        locale: state.locale,
        submitted: storedReceipt(stored.lastReceipt),
        logged: null,
      };
    }
    if (recovered) logger.warn({ chatId: message.chatId }, "stored dialogue state was unusable");
    if (unknownPendingKind !== null) {
      logger.warn(
        { chatId: message.chatId, pendingKind: unknownPendingKind },
        "stored dialogue awaits an answer of a kind this version does not know (a newer instance's): the draft kept, its own question asked again",
      );
    }
    const turn = message.answer
      ? { state, replies: await (answered ??= message.answer()) }
      : await deps.engine.handle(
          state,
          message.event,
          now,
          message.channel === "web" ? "web_page" : "chat_app",
          unknownPendingKind !== null,
        );
    const replies = recovered
      ? [...deps.engine.recoveryReplies(turn.state), ...turn.replies]
      : turn.replies;
    const result: CitizenTurn = {
      replies,
      locale: turn.state.locale,
      submitted: turn.submitted ?? null,
    };
    const saved = await deps.turns.save({
      channel: message.channel,
      chatId: message.chatId,
      externalId: message.externalId,
      now,
      readVersion: stored.version,
      dialogue: { state: turn.state, eventId: message.eventId, replies, receipt: result.submitted },
      ...(record && { logEntries: record(result) }),
    });
    if (saved) {
      if (turn.submitted) logger.info({ caseNo: turn.submitted.trackingNo }, "case submitted");
      return { ...result, logged: saved.logged };
    }
    stored = undefined;
    logger.debug({ attempt }, "dialogue saved concurrently; running the turn again");
  }
  throw new AppError("storage.conflict", `chat ${message.chatId}: dialogue kept changing`);
}

/** The receipt a dialogue stored with its last turn (null when none or unreadable). */
function storedReceipt(stored: unknown): SubmissionReceipt | null {
  const parsed = ReceiptSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The replies a dialogue stored with its last turn (none when they do not parse). */
export function storedReplies(stored: unknown): readonly OutgoingMessage[] {
  const parsed = z.array(OutgoingMessageSchema).safeParse(stored);
  return parsed.success ? parsed.data : [];
}
