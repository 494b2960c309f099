/**
 * SMS as the citizen's channel of last resort: a notice their chat could not take (outside the
 * WeCom window, a Telegram citizen who blocked the bot) goes as one approved template to the
 * mobile number they left on the case. One try per notice: a refusal, a number that is not a
 * mobile or a phone that had its share is recorded in the SMS log and the notice stays where
 * the chat left it (held or failed), never retried in a loop.
 */
import type { CaseStatus } from "../../domain/vocabulary.ts";
import type { Logger } from "../../logging/logger.ts";
import { OutboxPayloadSchema, type OutboxPayload } from "../../notifications/outbox-payload.ts";
import type { ClaimedOutboxMessage } from "../../notifications/outbox-store.ts";
import type { CitizenFallback } from "../../notifications/outbox-worker.ts";
import { SmsError } from "./sms-gateway.ts";
import type { SmsSender } from "./sms-sender.ts";
import type { SmsContent } from "./sms-templates.ts";

/** The status as the status_changed template names it (2–6 characters). */
const STATUS_WORDS: Record<CaseStatus, string> = {
  submitted: "已登记",
  not_accepted: "不予受理",
  accepted: "已受理",
  assigned: "已交办",
  in_progress: "办理中",
  returned: "重新交办",
  answered: "已答复",
  under_review: "复查中",
  closed: "已办结",
  merged: "已合并",
  withdrawn: "已撤回",
};

/** The template and values that carry a notice; the status link is fixed in the template. */
export function smsContentFor(payload: OutboxPayload): SmsContent {
  const { trackingNo } = payload;
  if (payload.kind === "answered") return { template: "answer_ready", params: { trackingNo } };
  if (payload.kind === "answer_follow_up") {
    return { template: "answer_follow_up", params: { trackingNo } };
  }
  const queryCode = payload.details.queryCode;
  if (payload.kind === "query_code_reset" && queryCode) {
    return { template: "new_query_code", params: { trackingNo, queryCode } };
  }
  if (payload.kind === "received" && queryCode) {
    return { template: "receipt", params: { trackingNo, queryCode } };
  }
  return {
    template: "status_changed",
    params: { trackingNo, status: STATUS_WORDS[payload.status] },
  };
}

export interface SmsNoticesDeps {
  readonly sender: SmsSender;
  /** The mobile number left on the case for SMS; null when the citizen left none or is anonymous. */
  readonly contactOf: (caseId: string) => Promise<string | null>;
  readonly logger: Logger;
}

/** The outbox's fallback for citizens' notices, over the configured provider. */
export function createSmsNotices(deps: SmsNoticesDeps): CitizenFallback {
  return {
    takesAlone: (message) => OutboxPayloadSchema.safeParse(message.payload).data?.smsOnly === true,
    async deliver(message: ClaimedOutboxMessage) {
      const payload = OutboxPayloadSchema.safeParse(message.payload);
      if (!message.caseId || !payload.success) return false;
      const phone = await deps.contactOf(message.caseId);
      if (!phone) return false;
      const content = smsContentFor(payload.data);
      try {
        await deps.sender.send({ phone, caseId: message.caseId, outboxId: message.id, content });
        return true;
      } catch (error) {
        if (!(error instanceof SmsError)) throw error;
        // Recorded in the SMS log with its code; the clerks see the notice as not reachable.
        deps.logger.warn(
          {
            caseNo: payload.data.trackingNo,
            outboxId: message.id,
            template: content.template,
            failure: error.failure,
            providerCode: error.providerCode,
          },
          "notice not sent by SMS either",
        );
        return false;
      }
    },
  };
}
