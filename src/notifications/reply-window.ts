/**
 * WeCom's reply window of 微信客服: after a citizen's message the service may send at most
 * `messages` kf messages, within `hours` of it. The one definition of the rule, used by the
 * channel (a turn's replies) and by the outbox (notifications).
 */

/** The window we keep to (config.wecom.replyWindow). */
export interface KfReplyWindow {
  /** Hours after the citizen's last message; WeCom allows at most 48. */
  readonly hours: number;
  /** Messages after the citizen's last message; WeCom allows at most 5. */
  readonly messages: number;
}

/** WeCom's own limits: the default, and the most a setting may allow. */
export const WECOM_KF_REPLY_WINDOW: KfReplyWindow = { hours: 48, messages: 5 };

/** The window's length in milliseconds. */
export function replyWindowMs(window: KfReplyWindow): number {
  return window.hours * 3_600_000;
}

/**
 * How many kf messages may still go out at `nowMs`: 0 once the window since `anchorMs` (the
 * citizen's last message) has passed, otherwise the messages left after `sentSinceAnchor`.
 */
export function replyBudget(
  window: KfReplyWindow,
  nowMs: number,
  anchorMs: number,
  sentSinceAnchor: number,
): number {
  if (nowMs - anchorMs > replyWindowMs(window)) return 0;
  return Math.max(0, window.messages - sentSinceAnchor);
}

/** "48-hour / 5-message": the window in logs and held rows' reasons. */
export function describeReplyWindow(window: KfReplyWindow): string {
  return `${window.hours}-hour / ${window.messages}-message`;
}
