/**
 * Outbox rows that are not about one case: a digest written for the clerks' chats (the
 * weekly hot spots). The row carries its finished text; every channel sends it as plain
 * text, split to the chat's limit, through the same queue, retries and order as the cards.
 */
import { z } from "zod";
import type { NewOutboxMessage } from "./outbox-payload.ts";
import type { RenderedMessage } from "./sender.ts";
import { splitMessage } from "./split-message.ts";

export const STAFF_DIGEST_KIND = "staff_digest";

export const StaffDigestPayloadSchema = z.object({
  v: z.literal(1),
  text: z.string().min(1),
});

export type StaffDigestPayload = z.infer<typeof StaffDigestPayloadSchema>;

/**
 * The messages of a digest row.
 * @throws ZodError when the payload is not a digest's (the row then fails).
 */
export function staffDigestMessages(payload: unknown): RenderedMessage[] {
  return splitMessage(StaffDigestPayloadSchema.parse(payload).text).map((text) => ({ text }));
}

/** A digest row to enqueue: to one clerks' address, about no case. */
export interface NewStaffDigest extends Omit<NewOutboxMessage, "caseId" | "kind" | "payload"> {
  readonly caseId: null;
  readonly kind: typeof STAFF_DIGEST_KIND;
  readonly payload: StaffDigestPayload;
}
