/**
 * The port every delivery channel implements for the outbox worker, and the
 * one error it throws.
 */

/** A button under a message: its label and the data the channel hands back when it is pressed. */
export interface RenderedButton {
  readonly label: string;
  /** At most 64 bytes (Telegram's callback_data limit). */
  readonly data: string;
}

/** One message as it goes out: plain text, no markup, optionally with rows of buttons. */
export interface RenderedMessage {
  readonly text: string;
  /** Channels without buttons send the text alone. */
  readonly buttons?: readonly (readonly RenderedButton[])[];
  /**
   * A pick-one list shown above the buttons (WeCom's button_selection): a press hands back
   * the picked option with the button's data. Only channels that have such lists get one.
   */
  readonly choice?: RenderedChoice;
  /**
   * Marks a staff card (the clerks' card of a new case, a unit's case card): a channel that
   * can edit what it sent reports where the card went (see createTelegramSender's
   * onCardSent), so that the card can be brought up to date after a decision taken
   * elsewhere. Channels that cannot edit ignore it.
   */
  readonly card?: RenderedCard;
  /**
   * Photos a unit attached to its answer or progress report (kept for the case, see
   * UnitPhotos), sent as pictures with `text` as their caption. A channel that cannot send
   * pictures sends the text alone.
   */
  readonly photos?: RenderedPhotos;
}

/** A case's unit photos, by id, in order. */
export interface RenderedPhotos {
  readonly trackingNo: string;
  readonly ids: readonly string[];
}

/** Which case a staff card shows, and to whom. */
export interface RenderedCard {
  readonly trackingNo: string;
  readonly kind: "clerk" | "unit";
  /** For a unit's card: the unit it was sent to (its buttons go once the case moves on). */
  readonly unitId?: string;
  /** For a unit's card: the review stage it was sent for (a 复查 is another unit's work). */
  readonly reviewStage?: number;
}

/** A pick-one list: its options, and the one picked unless the person changes it. */
export interface RenderedChoice {
  readonly key: string;
  readonly title: string;
  readonly options: readonly { readonly id: string; readonly label: string }[];
  readonly selectedId?: string;
}

/**
 * Delivers messages to one recipient of one channel, in order.
 * @throws DeliveryError on any failure; `delivered` tells how many of the
 * messages went out before it.
 */
export interface Sender {
  send(recipient: string, messages: readonly RenderedMessage[]): Promise<void>;
}

/** What the worker does with a failed delivery. */
export type DeliveryErrorKind =
  /** Try again later (network, 5xx, 429, timeouts). */
  | "transient"
  /** Never try again (blocked by the user, chat not found, bad request). */
  | "permanent"
  /** Cannot deliver now, but may later without a retry schedule (WeCom's 48-hour window). */
  | "hold";

/**
 * A delivery failure, classified. `message` is for logs and the outbox row's
 * lastError: the channel's error code and description, never the text sent.
 */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  readonly kind: DeliveryErrorKind;
  /** Wait at least this long before the next attempt (Telegram's retry_after). */
  readonly retryAfterMs: number | undefined;
  /** Messages of the call that were delivered before the failure. */
  readonly delivered: number;
  /**
   * For kind "hold": run by whoever held the row, once it is held. What held it may have
   * ended between the channel's check and the hold (a WeCom citizen who wrote just then found
   * nothing held to release), so the channel looks again here and releases the row itself.
   */
  readonly afterHold: (() => Promise<void>) | undefined;

  constructor(
    message: string,
    options: {
      kind: DeliveryErrorKind;
      retryAfterMs?: number;
      delivered?: number;
      cause?: unknown;
      afterHold?: () => Promise<void>;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.retryAfterMs = options.retryAfterMs;
    this.delivered = options.delivered ?? 0;
    this.afterHold = options.afterHold;
  }

  /** True when retrying cannot help. */
  get permanent(): boolean {
    return this.kind === "permanent";
  }
}
