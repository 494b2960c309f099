/**
 * Which approved template carries which notice: the answer its own, a new query code its own,
 * the receipt its own, and every other notice the status in a word that fits the template.
 */
import { describe, expect, it } from "vitest";
import { smsContentFor } from "../../../src/channels/sms/sms-notices.ts";
import { smsParamsProblem } from "../../../src/channels/sms/sms-templates.ts";
import { CASE_STATUSES } from "../../../src/domain/vocabulary.ts";
import {
  OutboxPayloadSchema,
  type OutboxPayload,
} from "../../../src/notifications/outbox-payload.ts";

const notice = (fields: Partial<OutboxPayload>): OutboxPayload =>
  OutboxPayloadSchema.parse({
    kind: "accepted",
    trackingNo: "ZK-20261202-0042",
    status: "accepted",
    nextStep: "await_answer",
    dueAt: null,
    dueDate: null,
    details: {},
    ...fields,
  });

describe("the SMS of a notice", () => {
  it("names every status in a word the status template takes", () => {
    for (const status of CASE_STATUSES) {
      const content = smsContentFor(notice({ kind: "accepted", status }));
      expect(content.template).toBe("status_changed");
      expect(smsParamsProblem(content)).toBeNull();
    }
  });

  it("gives the answer, its follow-up, the receipt and a new query code their own templates", () => {
    expect(smsContentFor(notice({ kind: "answered", status: "answered" }))).toEqual({
      template: "answer_ready",
      params: { trackingNo: "ZK-20261202-0042" },
    });
    expect(smsContentFor(notice({ kind: "answer_follow_up", status: "answered" }))).toEqual({
      template: "answer_follow_up",
      params: { trackingNo: "ZK-20261202-0042" },
    });
    expect(
      smsContentFor(
        notice({ kind: "received", status: "submitted", details: { queryCode: "482193" } }),
      ),
    ).toEqual({
      template: "receipt",
      params: { trackingNo: "ZK-20261202-0042", queryCode: "482193" },
    });
    expect(
      smsContentFor(notice({ kind: "query_code_reset", details: { queryCode: "104857" } })),
    ).toEqual({
      template: "new_query_code",
      params: { trackingNo: "ZK-20261202-0042", queryCode: "104857" },
    });
  });
});
