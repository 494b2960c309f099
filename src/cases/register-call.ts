/**
 * A call or visit a clerk registers in the console (来电/来访登记): the citizen's words become a
 * case through the same submitter as the chats', classified by the classifier in service, so
 * that the routing queue proposes its category and unit as for any case.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Classifier } from "../domain/classification.ts";
import { detectHazards } from "../domain/intake/emergency.ts";
import { parseChinesePhone } from "../domain/intake/phone.ts";
import type { ComplaintSubmitter } from "../domain/intake/ports.ts";
import type { ClerkChannel } from "../domain/vocabulary.ts";
import type { RegisteredCitizens } from "../storage/registered-citizens.ts";

/** What the clerk wrote down, checked at the console's boundary. */
export interface CallOrVisit {
  readonly channel: ClerkChannel;
  /** What the citizen said, in simplified characters. */
  readonly description: string;
  /** A region code of the directory. */
  readonly region: string;
  readonly address: string | null;
  /** The Shanghai day it happened (YYYY-MM-DD), when the citizen said. */
  readonly occurredOn: string | null;
  /** Null: anonymous. `phone` as typed, a valid number (parseChinesePhone). */
  readonly contact: { readonly name: string | null; readonly phone: string } | null;
}

export interface RegisteredCall {
  readonly trackingNo: string;
  readonly queryCode: string;
  readonly acceptanceDueAt: Date;
  /** The receipt (number and code) goes to the citizen by SMS; otherwise the clerk reads it out. */
  readonly receiptBySms: boolean;
}

export interface CallRegistrationDeps {
  readonly submitter: ComplaintSubmitter;
  /** The classifier answering citizens (the LLM's or the offline one). */
  readonly classifier: Classifier;
  readonly citizens: RegisteredCitizens;
  /** An SMS provider is configured. */
  readonly sms: boolean;
  readonly now: () => Date;
  /** Words in simplified characters, as every case keeps a citizen's words (core's OpenCC). */
  readonly inSimplifiedChinese: (text: string) => string;
}

/**
 * The submitter's key of this call: the clerk's, so that no one else's key answers their case,
 * and of what they wrote down, so that the same form sent again with other words — reused for
 * the next caller after an answer was lost, or corrected — files those words and never answers
 * another call's receipt (whose query code the clerk would read out to this caller).
 */
function idempotencyKeyOf(call: CallOrVisit, clerkId: string, submissionKey: string | null) {
  if (submissionKey === null) return `${call.channel}:${clerkId}:${randomUUID()}`;
  const written = createHash("sha256").update(JSON.stringify(call)).digest("hex").slice(0, 32);
  return `${call.channel}:${clerkId}:${submissionKey}:${written}`;
}

/**
 * Registers `call` as a case, the "submitted" entry of its timeline the clerk's (`clerkId`).
 * The clerk's same `submissionKey` with the same call again files nothing more: the first case's
 * receipt is answered (the submitter's idempotency); null: every call files a case.
 * @throws what the submitter throws (AppError("storage.unavailable"), …).
 */
export async function registerCall(
  deps: CallRegistrationDeps,
  call: CallOrVisit,
  clerkId: string,
  submissionKey: string | null,
): Promise<RegisteredCall> {
  const simplified = deps.inSimplifiedChinese;
  const description = simplified(call.description);
  const address = call.address && simplified(call.address);
  const phone = call.contact && parseChinesePhone(call.contact.phone);
  // Kept as every contact is (13812345678), so that the caller's cases are found by it.
  const contact = call.contact && {
    name: call.contact.name && simplified(call.contact.name),
    phone: phone?.display ?? call.contact.phone,
  };
  const mobile = phone?.kind === "mobile" ? phone.display : null;
  const bySms = deps.sms && mobile !== null;
  const classification = await deps.classifier.classify(description, {
    region: call.region,
    ...(address ? { address } : {}),
  });
  const now = deps.now();
  const receipt = await deps.submitter.submit({
    idempotencyKey: idempotencyKeyOf(call, clerkId, submissionKey),
    citizenRef: await deps.citizens.citizenOf(call.channel, mobile, bySms),
    locale: "zh",
    description,
    category: classification.category,
    // As a chat's unsure answer: the clerk chooses among the top 3 in the queue.
    categoryLeftToClerk: classification.unsure,
    classification,
    region: call.region,
    // The clerk chose it on the form, whatever the caller said.
    regionSource: "clerk",
    regionDecidedBy: "clerk",
    address,
    location: null,
    occurredAt: call.occurredOn
      ? {
          text: call.occurredOn,
          date: call.occurredOn,
          time: null,
          approximate: false,
          precision: "day",
        }
      : null,
    photos: [],
    contact: contact
      ? { kind: "named", name: contact.name, phone: contact.phone }
      : { kind: "anonymous" },
    // An immediate danger told on the phone is urgent as it is in a chat: first in the queue.
    isEmergency: detectHazards(description).length > 0,
    startedAt: now,
    submittedAt: now,
    registeredBy: clerkId,
  });
  return {
    trackingNo: receipt.trackingNo,
    // The console's submitter always issues one (complaint-submitter.ts).
    queryCode: receipt.queryCode!,
    acceptanceDueAt: receipt.acceptanceDueAt,
    receiptBySms: bySms,
  };
}
