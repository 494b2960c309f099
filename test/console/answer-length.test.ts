/**
 * A written answer may be long (书面答复): the console takes one of up to MAX_ANSWER_CHARS
 * characters, the lifecycle's one limit, and the citizen is sent all of it (each channel cuts a
 * long notice for its own limits). A longer one is refused with a 400 that names the limit in
 * the staff member's language, and nothing is answered. The answer form's limit is the server's.
 * A reason (extension, return, urgency, refusal) or progress note has a limit of its own,
 * MAX_REASON_CHARS, refused the same way with a message naming it.
 */
import { describe, expect, it } from "vitest";
import { MAX_REASON_CHARS } from "../../src/console/action-schemas.ts";
import { MAX_ANSWER_CHARS } from "../../src/domain/lifecycle/timeline.ts";
import { startedAtUnit, useConsoleWorld } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

const scene = useConsoleWorld({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

const startedCase = (citizen: string) => startedAtUnit(scene, citizen, FUGOU);

/** A written answer of `length` characters. */
const writtenAnswer = (length: number) =>
  "经调查核实，现将办理情况答复如下。".repeat(Math.ceil(length / 17)).slice(0, length);

const answer = (text: string) => ({ action: { type: "answer", outcome: "support", text } });

describe("a written answer's length in the console", () => {
  it("takes an answer of 6,000 characters and sends the citizen all of it", async () => {
    const { no, zhao } = await startedCase("long-answer");
    const text = writtenAnswer(6_000);

    const answered = await zhao.send("POST", `/api/cases/${no}/actions`, answer(text));

    expect(answered.status).toBe(200);
    expect(answered.json.case.status).toBe("answered");
    const notice = await scene.world.app.db.outboxMessage.findFirstOrThrow({
      where: { case: { trackingNo: no }, audience: "citizen", kind: "answered" },
    });
    expect(notice.payload).toMatchObject({ details: { answerText: text } });
  });

  it("refuses one over the limit with a message naming it, in Chinese or English, and answers nothing", async () => {
    const { no, zhao } = await startedCase("too-long-answer");
    const tooLong = answer(writtenAnswer(MAX_ANSWER_CHARS + 1));

    const refused = await zhao.send("POST", `/api/cases/${no}/actions`, tooLong);
    const inEnglish = await zhao.send("POST", `/api/cases/${no}/actions`, tooLong, {
      headers: { "accept-language": "en" },
    });

    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe("答复内容最多 20,000 字，请精简后再提交。");
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.json.error.message).toBe(
      "An answer may have at most 20,000 characters; shorten it and submit again.",
    );
    const stored = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(stored).toMatchObject({ status: "in_progress", answerText: null });

    const atTheLimit = answer(writtenAnswer(MAX_ANSWER_CHARS));
    expect((await zhao.send("POST", `/api/cases/${no}/actions`, atTheLimit)).status).toBe(200);
  });

  it("gives the answer form its limit from the server, with the reference tables", async () => {
    const zhao = await scene.signedIn("zhao");

    expect((await zhao.get("/api/reference")).json.maxAnswerChars).toBe(MAX_ANSWER_CHARS);
  });
});

describe("a reason's and a progress note's length in the console", () => {
  const tooLong = "因涉及多个部门，需要现场联合核查。".repeat(60).slice(0, MAX_REASON_CHARS + 1);

  it("refuses an extension's reason over the limit with a message naming it, and extends nothing", async () => {
    const { no, zhao } = await startedCase("too-long-reason");
    const extend = (reason: string) => ({ action: { type: "extend", days: 5, reason } });

    const refused = await zhao.send("POST", `/api/cases/${no}/actions`, extend(tooLong));
    const inEnglish = await zhao.send("POST", `/api/cases/${no}/actions`, extend(tooLong), {
      headers: { "accept-language": "en" },
    });

    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe("理由最多 1,000 字，请精简后再提交。");
    expect(inEnglish.json.error.message).toBe(
      "A reason may have at most 1,000 characters; shorten it and submit again.",
    );
    const stored = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(stored.extensionDays).toBeNull();
  });

  it("refuses a progress note over the limit with a message naming it", async () => {
    const { no, zhao } = await startedCase("too-long-note");

    const refused = await zhao.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "report_progress", note: tooLong },
    });

    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe("办理进展最多 1,000 字，请精简后再提交。");
  });

  it("gives the dialogs the limit from the server, with the reference tables", async () => {
    const zhao = await scene.signedIn("zhao");

    expect((await zhao.get("/api/reference")).json.maxReasonChars).toBe(MAX_REASON_CHARS);
  });
});
